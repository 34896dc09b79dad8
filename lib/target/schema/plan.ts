import "server-only";
import type pg from "pg";
import { readCatalog, type CatalogSnapshot } from "./catalog";
import { RETIRED_OBJECTS, SCHEMA_OBJECTS, SEED_FLAGS_SQL } from "./definition";
import { diffCatalog, type ObjectState, type PlanItem } from "./diff";

export type { ObjectState, PlanItem } from "./diff";

export type SchemaPlan = {
  items: PlanItem[];
  counts: Record<ObjectState, number>;
  /** objects that exist with another shape: apply refuses while there is one */
  conflicts: PlanItem[];
  /** the statements apply would run, in order (empty when everything is present) */
  statements: string[];
};

/**
 * What apply runs, in dependency order: missing objects (a missing table's CREATE already
 * brings its columns and constraints) and outdated ones brought forward, retired ones last.
 */
export function itemsToCreate(items: PlanItem[]): PlanItem[] {
  const missingTables = new Set(items.filter((i) => i.kind === "table" && i.state === "missing").map((i) => i.name));
  return items
    .filter((i) => i.state === "missing" || i.state === "outdated")
    .filter((i) => !((i.kind === "column" || i.kind === "constraint") && i.table && missingTables.has(i.table)));
}

export function planFromCatalog(catalog: CatalogSnapshot): SchemaPlan {
  const items = diffCatalog(SCHEMA_OBJECTS, catalog, RETIRED_OBJECTS);
  const count = (state: ObjectState) => items.filter((i) => i.state === state).length;
  return {
    items,
    counts: {
      present: count("present"),
      missing: count("missing"),
      outdated: count("outdated"),
      different: count("different"),
      unavailable: count("unavailable"),
    },
    conflicts: items.filter((i) => i.state === "different"),
    statements: itemsToCreate(items).map((i) => i.sql),
  };
}

/** Introspects the live catalog and compares every object of the target schema with it. */
export async function planSchema(client: Pick<pg.ClientBase, "query">): Promise<SchemaPlan> {
  return planFromCatalog(await readCatalog(client));
}

/** The SQL the owner reviews before apply: exactly what will run, then the flag seed. */
export function renderPlanSql(plan: SchemaPlan): string {
  if (plan.conflicts.length > 0) {
    return [
      "-- Apply is blocked: these objects exist with another shape. Nothing will run until they are resolved.",
      ...plan.conflicts.map((c) => `--   ${c.kind} ${c.name}: ${c.reason}`),
    ].join("\n");
  }
  const head =
    plan.statements.length === 0 ? ["-- Every object is present: no DDL to run."] : ["BEGIN;", ...plan.statements];
  const tail = plan.statements.length === 0 ? [SEED_FLAGS_SQL] : [SEED_FLAGS_SQL, "COMMIT;"];
  const left = plan.items
    .filter((i) => i.state === "unavailable")
    .map((i) => `-- Left out: ${i.kind} ${i.name}: ${i.reason}.`);
  return [...left, ...head, ...tail].join("\n\n") + "\n";
}
