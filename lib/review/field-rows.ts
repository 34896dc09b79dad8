import type { FieldRow } from "@/components/diff/three-column-table";
import { valuesEqual } from "@/lib/diff/field-compare";
import type { Side } from "@/lib/merge/choose";
import { BOOKKEEPING_FIELDS, CONTENT_FIELDS, type TargetValues } from "@/lib/merge/fields";

/**
 * The detail's rows, one per target column, with the side the copy takes marked. Besides the
 * conflicts the owner decides, two kinds of difference have no choice and say why: a column
 * only one side's file has (an older NAS), and the bookkeeping timestamps (the newer row's).
 */
const SIDE_WORD: Record<string, string> = { nas: "NAS", dashboard: "Dashboard" };

type PlanField = { field: string; defaultSide: string; chosenSide: string };

export function buildFieldRows(
  values: { nas: TargetValues | null; dashboard: TargetValues | null },
  postgres: Record<string, unknown> | null,
  fields: PlanField[],
  decisions: { field: string; choice: string }[],
): FieldRow[] {
  const differing = new Map(fields.map((f) => [f.field, f]));
  const explicit = new Map(decisions.map((d) => [d.field, d.choice]));
  const only: Side | null =
    values.nas && !values.dashboard ? "nas" : values.dashboard && !values.nas ? "dashboard" : null;
  return CONTENT_FIELDS.map(({ field, kind }): FieldRow => {
    const row = {
      field,
      kind,
      values: { nas: values.nas?.[field], dashboard: values.dashboard?.[field], postgres: postgres?.[field] },
    };
    const diff = differing.get(field);
    if (diff) {
      const decision = explicit.get(field);
      return {
        ...row,
        chosen: diff.chosenSide as Side,
        differs: true,
        difference: "conflict",
        note: `default ${SIDE_WORD[diff.defaultSide]}` + (decision ? `; your decision: ${SIDE_WORD[decision]}` : ""),
      };
    }
    if (only) return { ...row, chosen: only };
    const inNas = field in (values.nas ?? {});
    const inDashboard = field in (values.dashboard ?? {});
    if (inNas !== inDashboard) {
      const side: Side = inNas ? "nas" : "dashboard";
      return { ...row, chosen: side, difference: "one-file", note: `only the ${SIDE_WORD[side]} file has this column` };
    }
    if (BOOKKEEPING_FIELDS.has(field) && !valuesEqual(row.values.nas, row.values.dashboard, kind)) {
      const matches = (["nas", "dashboard"] as const).filter((s) =>
        valuesEqual(row.values[s], row.values.postgres, kind),
      );
      return {
        ...row,
        chosen: matches.length === 1 ? matches[0] : null,
        difference: "bookkeeping",
        note: "bookkeeping, not a conflict: the newer row's",
      };
    }
    if (field === "analysis_json" && postgres) {
      return {
        ...row,
        chosen: null,
        note: "PostgreSQL's adds the card keys the Dashboard reads (see the Dashboard view)",
      };
    }
    return { ...row, chosen: null };
  });
}
