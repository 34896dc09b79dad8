import {
  BOOKKEEPING_FIELDS,
  CATEGORIZATION_FIELDS,
  CONTENT_FIELDS,
  type FieldValue,
  type TargetValues,
} from "./fields";
import { canonicalJson } from "./transforms";

export type Side = "nas" | "dashboard";

/** One field where the two sides disagree (compared as target-typed values, not as text). */
export type FieldDiff = { field: string; nas: FieldValue; dashboard: FieldValue; defaultSide: Side; chosenSide: Side };

export type ChooseInput = {
  nas: TargetValues;
  dashboard: TargetValues;
  nasCategorized: boolean;
  dashboardCategorized: boolean;
  /** parsed updated_at instants (ms); null when missing or unparseable (then older) */
  nasUpdatedMs: number | null;
  dashboardUpdatedMs: number | null;
  /** the owner's per-field choices; they override the default */
  decisions?: ReadonlyMap<string, Side>;
};

export type ChooseResult = { values: TargetValues; from: Record<string, Side>; diffs: FieldDiff[] };

/**
 * DESIGN.md's rule for a record in both sources: categorization fields from the side that
 * has a categorization record, the Dashboard first (and the Dashboard when neither has one:
 * that is where the owner curates); every other field from the side with the newer
 * updated_at, the Dashboard on a tie. A side whose file lacks a column (the older NAS) has no
 * say on that field.
 */
export function defaultSideFor(field: string, input: ChooseInput): Side {
  if (CATEGORIZATION_FIELDS.has(field)) {
    return input.dashboardCategorized || !input.nasCategorized ? "dashboard" : "nas";
  }
  const nas = input.nasUpdatedMs ?? Number.NEGATIVE_INFINITY;
  const dashboard = input.dashboardUpdatedMs ?? Number.NEGATIVE_INFINITY;
  return nas > dashboard ? "nas" : "dashboard";
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return canonicalJson(a) === canonicalJson(b);
}

export function chooseFields(input: ChooseInput): ChooseResult {
  const values: TargetValues = {};
  const from: Record<string, Side> = {};
  const diffs: FieldDiff[] = [];
  for (const { field } of CONTENT_FIELDS) {
    const hasNas = field in input.nas;
    const hasDashboard = field in input.dashboard;
    if (!hasNas && !hasDashboard) continue;
    if (!hasNas || !hasDashboard) {
      from[field] = hasNas ? "nas" : "dashboard";
      values[field] = hasNas ? input.nas[field] : input.dashboard[field];
      continue;
    }
    const defaultSide = defaultSideFor(field, input);
    const equal = sameValue(input.nas[field], input.dashboard[field]);
    const chosenSide = (!equal && input.decisions?.get(field)) || defaultSide;
    from[field] = chosenSide;
    values[field] = input[chosenSide][field];
    if (!equal && !BOOKKEEPING_FIELDS.has(field)) {
      diffs.push({ field, nas: input.nas[field], dashboard: input.dashboard[field], defaultSide, chosenSide });
    }
  }
  return { values, from, diffs };
}
