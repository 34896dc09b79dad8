import { canonicalHash } from "@/lib/common/canonical-json";
import type { MergeCase } from "@/lib/merge/classify";

/**
 * Which records the owner must settle and whether he has. A conflict (both differ) needs a
 * side per differing field, a resurrection candidate "restore" or "keep deleted", a NAS-new
 * record "copy" or "skip". A default counts only once the owner confirmed it: the
 * confirmation stores a fingerprint of the defaults he saw, so a re-plan that changes them
 * (other values, another default side) asks again, and one that does not keeps it.
 */
export const REVIEW_CASES: readonly MergeCase[] = ["both_differ", "resurrection_candidate", "nas_new"];
/** The gate's cases (DESIGN.md: conflicts and possibly-deleted videos); NAS-new defaults lose nothing. */
export const GATE_CASES: readonly MergeCase[] = ["both_differ", "resurrection_candidate"];

export type DecisionState = "decided" | "confirmed" | "undecided" | "none";

export type PlanFieldDefault = {
  field: string;
  defaultSide: string;
  nasValue: string | null;
  dashboardValue: string | null;
};
export type RecordDefaults = { videoId: string; mergeCase: string; defaultAction: string; fields: PlanFieldDefault[] };

export function defaultsFingerprint(record: RecordDefaults): string {
  const fields = [...record.fields]
    .sort((a, b) => (a.field < b.field ? -1 : 1))
    .map((f) => [f.field, f.defaultSide, f.nasValue, f.dashboardValue]);
  return canonicalHash({ case: record.mergeCase, action: record.defaultAction, fields });
}

/** The record-level choice a default stands for, in the words the owner picks from. */
export function defaultRecordChoice(mergeCase: string): "keep_deleted" | "copy" | null {
  if (mergeCase === "resurrection_candidate") return "keep_deleted";
  if (mergeCase === "nas_new") return "copy";
  return null;
}

export function decisionStateOf(
  record: RecordDefaults,
  explicit: ReadonlySet<string>,
  confirmedFingerprint: string | undefined,
): DecisionState {
  if (!REVIEW_CASES.includes(record.mergeCase as MergeCase)) return "none";
  const needed = record.mergeCase === "both_differ" ? record.fields.map((f) => f.field) : ["*"];
  if (needed.length > 0 && needed.every((field) => explicit.has(field))) return "decided";
  if (confirmedFingerprint !== undefined && confirmedFingerprint === defaultsFingerprint(record)) return "confirmed";
  return "undecided";
}
