import type { CatalogSnapshot } from "./catalog";
import type { ObjectKind, SchemaObject } from "./objects";

export type ObjectState = "present" | "missing" | "different";

export type PlanItem = {
  kind: ObjectKind;
  name: string;
  table?: string;
  state: ObjectState;
  /** why a `different` object conflicts, in a line the owner can act on */
  reason?: string;
  /** the statement apply runs for it when missing */
  sql: string;
};

/**
 * Compares definitions the way PostgreSQL prints them with the way we wrote them: casts,
 * parentheses, quoting, whitespace and the `public.` prefix do not make a difference.
 */
export function normalizeDefinition(definition: string): string {
  return definition
    .replace(/::(?:[a-z_]+)(?: with(?:out)? time zone)?(?:\[\])?/gi, "")
    .replace(/\bpublic\./g, "")
    .replace(/\bIF NOT EXISTS\b/gi, "")
    .replace(/[\s()"]/g, "")
    .replace(/;$/, "");
}

const RELKINDS: Record<string, string> = {
  r: "a table",
  p: "a partitioned table",
  v: "a view",
  m: "a materialized view",
  i: "an index",
  S: "a sequence",
  f: "a foreign table",
  c: "a composite type",
};

function itemState(object: SchemaObject, catalog: CatalogSnapshot): Pick<PlanItem, "state" | "reason"> {
  const expect = object.expect;
  const missing = { state: "missing" } as const;
  const present = { state: "present" } as const;
  const different = (reason: string) => ({ state: "different" as const, reason });

  switch (expect.kind) {
    case "table":
    case "view": {
      const relkind = catalog.relations[object.name];
      if (relkind === undefined) return missing;
      const wanted = expect.kind === "table" ? "r" : "v";
      if (relkind !== wanted)
        return different(`${object.name} exists as ${RELKINDS[relkind] ?? relkind}, not ${RELKINDS[wanted]}`);
      if (expect.kind === "table") return present;
      const actual = catalog.viewColumns[object.name] ?? [];
      return actual.join(",") === expect.columns.join(",")
        ? present
        : different(`view ${object.name} has columns (${actual.join(", ")}), expected (${expect.columns.join(", ")})`);
    }
    case "column": {
      const actual = catalog.columns[object.name];
      if (!actual) return missing;
      if (actual.type !== expect.type) return different(`${object.name} is ${actual.type}, expected ${expect.type}`);
      if (actual.notNull !== expect.notNull) {
        return different(
          `${object.name} is ${actual.notNull ? "NOT NULL" : "nullable"}, expected ${expect.notNull ? "NOT NULL" : "nullable"}`,
        );
      }
      return present;
    }
    case "constraint": {
      const onTable = catalog.constraints.filter((c) => c.table === object.table);
      // A table has one primary key whatever it is called; any other constraint is found by name.
      const actual = onTable.find((c) => (expect.contype === "p" ? c.contype === "p" : c.name === object.name));
      if (!actual) return missing;
      if (
        actual.contype !== expect.contype ||
        normalizeDefinition(actual.definition) !== normalizeDefinition(expect.definition)
      ) {
        return different(`${object.table} has ${actual.name} ${actual.definition}, expected ${expect.definition}`);
      }
      return present;
    }
    case "index": {
      const actual = catalog.indexes[object.name];
      if (!actual) {
        const relkind = catalog.relations[object.name];
        return relkind ? different(`the name ${object.name} is taken by ${RELKINDS[relkind] ?? relkind}`) : missing;
      }
      return normalizeDefinition(actual.definition) === normalizeDefinition(expect.definition)
        ? present
        : different(`index ${object.name} is "${actual.definition}", expected "${expect.definition}"`);
    }
    case "trigger": {
      const actual = catalog.triggers[`${object.table}.${object.name}`];
      if (actual === undefined) return missing;
      return normalizeDefinition(actual) === normalizeDefinition(expect.definition)
        ? present
        : different(`trigger ${object.name} is "${actual}", expected "${expect.definition}"`);
    }
    case "function": {
      const actual = catalog.functions[object.name];
      if (actual === undefined) return missing;
      return actual.trim() === expect.body.trim()
        ? present
        : different(`function ${object.name} exists with another body; it was edited outside this tool`);
    }
  }
}

/** Every object with its state against the catalog; `different` ones are conflicts that block apply. */
export function diffCatalog(objects: SchemaObject[], catalog: CatalogSnapshot): PlanItem[] {
  return objects.map((object) => ({
    kind: object.kind,
    name: object.name,
    ...(object.table ? { table: object.table } : {}),
    ...itemState(object, catalog),
    sql: object.sql,
  }));
}
