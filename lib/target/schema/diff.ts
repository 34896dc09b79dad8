import type { CatalogSnapshot } from "./catalog";
import type { Expectation, ObjectKind, RetiredObject, SchemaObject } from "./objects";

/**
 * `outdated`: the shape an earlier version of this tool made, which apply brings forward (or
 * removes, for a retired object); `unavailable`: the object needs an extension this server
 * does not have, so it is left out and the plan says so; `different`: a conflict.
 */
export type ObjectState = "present" | "missing" | "outdated" | "different" | "unavailable";

export type PlanItem = {
  kind: ObjectKind;
  name: string;
  table?: string;
  state: ObjectState;
  /** why a `different` object conflicts, what apply does to an `outdated` one, why one is `unavailable` */
  reason?: string;
  /** the statement apply runs for it when missing or outdated */
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

type Compared = { state: "present" | "missing" } | { state: "different"; reason: string };

function compare(object: { name: string; table?: string }, expect: Expectation, catalog: CatalogSnapshot): Compared {
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

function objectItem(object: SchemaObject, catalog: CatalogSnapshot): PlanItem {
  const base = { kind: object.kind, name: object.name, ...(object.table ? { table: object.table } : {}) };
  const found = compare(object, object.expect, catalog);
  if (found.state === "different") {
    const upgrade = object.upgrades?.find((u) => compare(object, u.from, catalog).state === "present");
    if (upgrade) return { ...base, state: "outdated", reason: upgrade.note, sql: upgrade.sql };
  }
  if (found.state === "missing" && object.requires && !catalog.extensions.available.includes(object.requires)) {
    const reason = `not created: this server does not have the ${object.requires} extension (the Dashboard's title search works without it, only slower)`;
    return { ...base, state: "unavailable", reason, sql: object.sql };
  }
  return { ...base, ...found, sql: object.sql };
}

/** A retired object still in the catalog: outdated when it has the earlier shape, else someone else's (a conflict). */
function retiredItem(object: RetiredObject, catalog: CatalogSnapshot): PlanItem | null {
  const exists =
    object.kind === "function"
      ? catalog.functions[object.name] !== undefined
      : catalog.constraints.some((c) => c.table === object.table && c.name === object.name);
  if (!exists) return null;
  const base = { kind: object.kind, name: object.name, ...(object.table ? { table: object.table } : {}) };
  const found = compare(object, object.expect, catalog);
  if (found.state === "present") return { ...base, state: "outdated", reason: object.note, sql: object.sql };
  const reason = `${object.name} must go (${object.note.replace(/^dropped: /, "")}) but it was changed outside this tool`;
  return { ...base, state: "different", reason, sql: object.sql };
}

/**
 * Every object with its state against the catalog, then the retired objects the catalog still
 * has (they go last: the triggers using an old function are re-pointed first). `different`
 * ones are conflicts that block apply.
 */
export function diffCatalog(
  objects: SchemaObject[],
  catalog: CatalogSnapshot,
  retired: RetiredObject[] = [],
): PlanItem[] {
  return [
    ...objects.map((object) => objectItem(object, catalog)),
    ...retired.flatMap((object) => retiredItem(object, catalog) ?? []),
  ];
}
