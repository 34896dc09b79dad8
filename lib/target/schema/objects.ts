/**
 * The vocabulary of the target schema: each object the Schema step owns, the SQL that creates
 * it on its own (idempotently), and what the catalog must show for it to count as present.
 * The concrete schema lives in `definition.ts`; ddl.sql, the plan and apply all derive from it.
 */
export type ObjectKind = "table" | "column" | "constraint" | "index" | "trigger" | "function" | "view";

export type ColumnType = "text" | "integer" | "bigint" | "bigserial" | "boolean" | "timestamptz" | "jsonb";

export type ColumnSpec = { name: string; type: ColumnType; notNull?: boolean; default?: string };

export type ConstraintSpec =
  | { name: string; kind: "primary"; columns: string[] }
  | { name: string; kind: "unique"; columns: string[] }
  | { name: string; kind: "check"; expression: string }
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

export type SchemaObject = {
  kind: ObjectKind;
  /** unique and stable: "content", "content.video_id", "content_pkey", "ytv2_touch_updated_at()" */
  name: string;
  /** the table a column, constraint, index or trigger belongs to */
  table?: string;
  /** creates this object alone, safe to run when it already exists */
  sql: string;
  expect: Expectation;
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
    })),
    ...table.constraints.map((constraint): SchemaObject => ({
      kind: "constraint",
      name: constraint.name,
      table: table.name,
      sql: addConstraintSql(table.name, constraint),
      expect: { kind: "constraint", contype: CONTYPE[constraint.kind], definition: constraintDefinition(constraint) },
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
