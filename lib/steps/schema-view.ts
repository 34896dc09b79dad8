import type { SchemaPlan } from "../target/schema/plan";
import type { ObjectState } from "../target/schema/diff";

/**
 * What the Schema page shows, in plain data a client component can take: each object of the
 * plan with one line saying what apply will do about it. Pure, so the wording is tested.
 */
export type PlanRow = { kind: string; name: string; table: string | null; state: ObjectState; note: string };

export function planRows(plan: SchemaPlan): PlanRow[] {
  const missingTables = new Set(
    plan.items.filter((item) => item.kind === "table" && item.state === "missing").map((item) => item.name),
  );
  return plan.items.map((item) => ({
    kind: item.kind,
    name: item.name,
    table: item.table ?? null,
    state: item.state,
    note: noteFor(item, missingTables),
  }));
}

function noteFor(item: SchemaPlan["items"][number], missingTables: Set<string>): string {
  if (item.state === "different") return item.reason ?? "exists with another shape";
  if (item.state === "outdated" || item.state === "unavailable") return item.reason ?? item.state;
  if (item.state === "present") return "already there, left as it is";
  if (item.table && missingTables.has(item.table) && (item.kind === "column" || item.kind === "constraint")) {
    return `created with table ${item.table}`;
  }
  return "created by apply";
}

/** The in-place confirmation: what apply creates or brings forward, where, and what it never destroys. */
export function applyConfirmation(missing: number, where: string, outdated = 0): string {
  const nothingDestroyed = "Nothing is dropped or altered.";
  if (outdated > 0) {
    const what = [
      ...(missing > 0 ? [`create ${missing} ${missing === 1 ? "object" : "objects"}`] : []),
      `bring ${outdated} ${outdated === 1 ? "object" : "objects"} an earlier version of this tool made up to date`,
    ].join(" and ");
    return `This will ${what} in ${where}, in one transaction. Only constraints the YTV2 contract rules out (a CHECK, a NOT NULL) and replaced trigger functions are removed; no table, column, index or row is.`;
  }
  if (missing === 0) {
    return `Every object is already present in ${where}: this creates nothing and re-runs the checks and the self-test. ${nothingDestroyed}`;
  }
  return `This will create ${missing} ${missing === 1 ? "object" : "objects"} in ${where}, in one transaction. ${nothingDestroyed}`;
}

export function targetKindLabel(kind: "embedded" | "external"): string {
  return kind === "embedded"
    ? "embedded PostgreSQL, started with the panel under the data dir"
    : "external PostgreSQL (DATABASE_URL)";
}
