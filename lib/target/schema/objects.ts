/**
 * The vocabulary of the target schema: each object the Schema step owns, the SQL that creates
 * it on its own (idempotently), and what the catalog must show for it to count as present.
 * The concrete schema lives in `definition.ts`; ddl.sql, the plan and apply all derive from it.
 */
export type ObjectKind = "table" | "column" | "constraint" | "index" | "trigger" | "function" | "view";

export type ColumnType = "text" | "integer" | "bigint" | "bigserial" | "boolean" | "timestamptz" | "jsonb";

export type ColumnSpec = {
  name: string;
  type: ColumnType;
  notNull?: boolean;
  default?: string;
  /** an earlier version created it NOT NULL: apply drops that (see dropNotNullUpgrade) */
  wasNotNull?: boolean;
};

export type ConstraintSpec =
  | { name: string; kind: "primary"; columns: string[] }
  | { name: string; kind: "unique"; columns: string[] }
  /** `wasExpression`: the narrower CHECK an earlier version created, which apply widens */
  | { name: string; kind: "check"; expression: string; wasExpression?: string }
  | { name: string; kind: "foreign"; columns: string[]; references: string; onDelete: "CASCADE" };

export type TableSpec = { name: string; columns: ColumnSpec[]; constraints: ConstraintSpec[] };

/** What the catalog must show. Definitions are written the way pg_get_*def prints them. */
export type Expectation =
  | { kind: "table" }
  | { kind: "column"; type: string; notNull: boolean }
  | { kind: "constraint"; contype: "p" | "u" | "c" | "f"; definition: string }
  | { kind: "index"; definition: string }
  | { kind: "trigger"; definition: string }
  | { kind: "function"; body: string }
  | { kind: "view"; columns: string[] };

/**
 * A shape an earlier version of this tool created, and the statements (idempotent, one
 * transaction with the rest) that bring it to the current one. Only loosening is allowed
 * here: re-pointing a trigger, widening a CHECK, replacing a view by a superset of itself.
 */
export type Upgrade = { from: Expectation; note: string; sql: string };

export type SchemaObject = {
  kind: ObjectKind;
  /** unique and stable: "content", "content.video_id", "content_pkey", "touch_updated_at()" */
  name: string;
  /** the table a column, constraint, index or trigger belongs to */
  table?: string;
  /** creates this object alone, safe to run when it already exists */
  sql: string;
  expect: Expectation;
  upgrades?: Upgrade[];
  /** an extension the object needs; where the server lacks it the object is left out, said so */
  requires?: string;
};

/**
 * An object an earlier version of this tool created that the target must no longer have (a
 * CHECK the NAS's writes would fail, a replaced trigger function). Listed in the plan only
 * while the catalog still has it in that very shape, then removed by `sql`.
 */
export type RetiredObject = {
  kind: "constraint" | "function";
  name: string;
  table?: string;
  /** the shape it had; anything else under that name is someone else's and a conflict */
  expect: Expectation;
  note: string;
  sql: string;
};

const SQL_TYPES: Record<ColumnType, string> = {
  text: "TEXT",
  integer: "INTEGER",
  bigint: "BIGINT",
  bigserial: "BIGSERIAL",
  boolean: "BOOLEAN",
  timestamptz: "TIMESTAMPTZ",
  jsonb: "JSONB",
};

/** format_type() spelling; a bigserial is a bigint with a sequence default. */
const CATALOG_TYPES: Record<ColumnType, string> = {
  text: "text",
  integer: "integer",
  bigint: "bigint",
  bigserial: "bigint",
  boolean: "boolean",
  timestamptz: "timestamp with time zone",
  jsonb: "jsonb",
};

export function columnSql(column: ColumnSpec): string {
  const parts = [column.name, SQL_TYPES[column.type]];
  if (column.notNull && column.type !== "bigserial") parts.push("NOT NULL");
  if (column.default !== undefined) parts.push(`DEFAULT ${column.default}`);
  return parts.join(" ");
}

export function constraintDefinition(constraint: ConstraintSpec): string {
  switch (constraint.kind) {
    case "primary":
      return `PRIMARY KEY (${constraint.columns.join(", ")})`;
    case "unique":
      return `UNIQUE (${constraint.columns.join(", ")})`;
    case "check":
      return `CHECK (${constraint.expression})`;
    case "foreign":
      return `FOREIGN KEY (${constraint.columns.join(", ")}) REFERENCES ${constraint.references} ON DELETE ${constraint.onDelete}`;
  }
}

const CONTYPE = { primary: "p", unique: "u", check: "c", foreign: "f" } as const;

export function createTableSql(table: TableSpec): string {
  const lines = [
    ...table.columns.map((c) => `  ${columnSql(c)}`),
    ...table.constraints.map((c) => `  CONSTRAINT ${c.name} ${constraintDefinition(c)}`),
  ];
  return `CREATE TABLE IF NOT EXISTS ${table.name} (\n${lines.join(",\n")}\n);`;
}

/** A constraint is added only when the catalog lacks it; a primary key is found by type, whatever its name. */
function addConstraintSql(table: string, constraint: ConstraintSpec): string {
  const found = constraint.kind === "primary" ? `contype = 'p'` : `conname = '${constraint.name}'`;
  return [
    "DO $$ BEGIN",
    `  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '${table}'::regclass AND ${found}) THEN`,
    `    ALTER TABLE ${table} ADD CONSTRAINT ${constraint.name} ${constraintDefinition(constraint)};`,
    "  END IF;",
    "END $$;",
  ].join("\n");
}

/** The table, then each of its columns and constraints as objects of their own. */
export function tableObjects(table: TableSpec): SchemaObject[] {
  return [
    { kind: "table", name: table.name, sql: createTableSql(table), expect: { kind: "table" } },
    ...table.columns.map((column): SchemaObject => ({
      kind: "column",
      name: `${table.name}.${column.name}`,
      table: table.name,
      sql: `ALTER TABLE ${table.name} ADD COLUMN IF NOT EXISTS ${columnSql(column)};`,
      expect: { kind: "column", type: CATALOG_TYPES[column.type], notNull: Boolean(column.notNull) },
      ...(column.wasNotNull ? { upgrades: [dropNotNullUpgrade(table.name, column)] } : {}),
    })),
    ...table.constraints.map((constraint): SchemaObject => ({
      kind: "constraint",
      name: constraint.name,
      table: table.name,
      sql: addConstraintSql(table.name, constraint),
      expect: { kind: "constraint", contype: CONTYPE[constraint.kind], definition: constraintDefinition(constraint) },
      ...(constraint.kind === "check" && constraint.wasExpression
        ? { upgrades: [checkUpgrade(table.name, constraint.name, constraint.wasExpression, constraint.expression)] }
        : {}),
    })),
  ];
}

export function indexObject(name: string, table: string, definition: string): SchemaObject {
  return {
    kind: "index",
    name,
    table,
    sql: `${definition.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX IF NOT EXISTS ")};`,
    expect: { kind: "index", definition },
  };
}

/**
 * An index that needs an extension: created with it where the server has the extension, and
 * otherwise left out with a notice (the plan shows it as unavailable; ddl.sql says so in psql).
 */
export function extensionIndexObject(name: string, table: string, definition: string, extension: string): SchemaObject {
  const create = indexObject(name, table, definition).sql;
  const sql = [
    "DO $$ BEGIN",
    `  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = '${extension}') THEN`,
    `    CREATE EXTENSION IF NOT EXISTS ${extension};`,
    `    ${create}`,
    "  ELSE",
    `    RAISE NOTICE '${extension} is not available on this server: ${name} is not created';`,
    "  END IF;",
    "END $$;",
  ].join("\n");
  return { kind: "index", name, table, sql, expect: { kind: "index", definition }, requires: extension };
}

export function triggerFunctionObject(name: string, body: string): SchemaObject {
  return {
    kind: "function",
    name: `${name}()`,
    sql: `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$${body}$fn$;`,
    expect: { kind: "function", body },
  };
}

export function triggerObject(name: string, table: string, definition: string): SchemaObject {
  const sql = [
    "DO $$ BEGIN",
    `  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${table}'::regclass AND tgname = '${name}') THEN`,
    `    ${definition};`,
    "  END IF;",
    "END $$;",
  ].join("\n");
  return { kind: "trigger", name, table, sql, expect: { kind: "trigger", definition } };
}

/** Created only when absent: CREATE OR REPLACE would silently rewrite someone else's view. */
export function viewObject(name: string, columns: string[], query: string): SchemaObject {
  const sql = [
    "DO $$ BEGIN",
    `  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass('${name}')) THEN`,
    `    CREATE VIEW ${name} AS ${query};`,
    "  END IF;",
    "END $$;",
  ].join("\n");
  return { kind: "view", name, sql, expect: { kind: "view", columns } };
}

/**
 * A view an earlier version created with `earlierColumns`, a prefix of `columns`: CREATE OR
 * REPLACE VIEW may only add columns at the end, so it keeps every column it had.
 */
export function viewUpgrade(name: string, earlierColumns: string[], query: string): Upgrade {
  const sql = [
    "DO $$ BEGIN",
    `  IF (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute WHERE attrelid = to_regclass('${name}') AND attnum > 0)`,
    `     = ARRAY[${earlierColumns.map((c) => `'${c}'`).join(", ")}] THEN`,
    `    CREATE OR REPLACE VIEW ${name} AS ${query};`,
    "  END IF;",
    "END $$;",
  ].join("\n");
  return {
    from: { kind: "view", columns: earlierColumns },
    note: `replaced by a view with the same columns and the ones the Dashboard reads besides`,
    sql,
  };
}

/**
 * A trigger an earlier version pointed at another function: dropped and created again in the
 * same transaction, and only while it still calls that function (so it runs once, and never
 * touches a trigger someone else changed).
 */
export function triggerUpgrade(name: string, table: string, earlierFunction: string, definition: string): Upgrade {
  const sql = [
    "DO $$ BEGIN",
    `  IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${table}'::regclass AND tgname = '${name}'`,
    `             AND tgfoid = to_regprocedure('${earlierFunction}')) THEN`,
    `    DROP TRIGGER ${name} ON ${table};`,
    `    ${definition};`,
    "  END IF;",
    "END $$;",
  ].join("\n");
  const current = /EXECUTE FUNCTION (\S+)$/.exec(definition)?.[1] ?? "";
  return {
    from: { kind: "trigger", definition: definition.replace(current, earlierFunction) },
    note: `re-pointed from ${earlierFunction} to ${current}, in the same transaction`,
    sql,
  };
}

/**
 * How a definition compares inside PostgreSQL: the `::text` casts, whitespace, parentheses and
 * double quotes pg_get_constraintdef adds or drops are left out (normalizeDefinition's rule
 * for CHECKs, the only definitions compared this way).
 */
export function sqlNormalized(expression: string): string {
  return `regexp_replace(${expression}, '::text|[\\s()"]', '', 'g')`;
}

const normalizedText = (definition: string) => definition.replace(/::text|[\s()"]/g, "");

/** A CHECK an earlier version wrote narrower: replaced in one ALTER TABLE while it still has that shape. */
export function checkUpgrade(table: string, name: string, earlierExpression: string, expression: string): Upgrade {
  const earlier = `CHECK (${earlierExpression})`;
  const sql = [
    "DO $$ BEGIN",
    `  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '${table}'::regclass AND conname = '${name}'`,
    `             AND ${sqlNormalized("pg_get_constraintdef(oid)")} = ${quoteLiteral(normalizedText(earlier))}) THEN`,
    `    ALTER TABLE ${table} DROP CONSTRAINT ${name}, ADD CONSTRAINT ${name} CHECK (${expression});`,
    "  END IF;",
    "END $$;",
  ].join("\n");
  return {
    from: { kind: "constraint", contype: "c", definition: earlier },
    note: "widened: it accepts every value it accepted before, and more",
    sql,
  };
}

/** A CHECK an earlier version created that the contract rules out: dropped while it has that shape. */
export function retiredCheck(table: string, name: string, expression: string, note: string): RetiredObject {
  const definition = `CHECK (${expression})`;
  const sql = [
    "DO $$ BEGIN",
    `  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '${table}'::regclass AND conname = '${name}'`,
    `             AND ${sqlNormalized("pg_get_constraintdef(oid)")} = ${quoteLiteral(normalizedText(definition))}) THEN`,
    `    ALTER TABLE ${table} DROP CONSTRAINT ${name};`,
    "  END IF;",
    "END $$;",
  ].join("\n");
  return { kind: "constraint", name, table, expect: { kind: "constraint", contype: "c", definition }, note, sql };
}

/** A trigger function an earlier version created under another name; its triggers were re-pointed first. */
export function retiredFunction(name: string, body: string, note: string): RetiredObject {
  return {
    kind: "function",
    name: `${name}()`,
    expect: { kind: "function", body },
    note,
    sql: `DROP FUNCTION IF EXISTS ${name}();`,
  };
}

/** A column an earlier version made NOT NULL that is nullable now: dropping NOT NULL loses nothing. */
export function dropNotNullUpgrade(table: string, column: ColumnSpec): Upgrade {
  return {
    from: { kind: "column", type: CATALOG_TYPES[column.type], notNull: true },
    note: "NOT NULL dropped: the column accepts every value it accepted before, and NULL",
    sql: `ALTER TABLE ${table} ALTER COLUMN ${column.name} DROP NOT NULL;`,
  };
}

export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
