/**
 * The kinds of difference a parity run names (DESIGN.md "Steps 4–6 in detail"), each with the
 * owner's words for it. A difference names the video, the kind and, where one applies, the
 * field (a content column, `categories`, or a summary variant) with both sides' values.
 */
export const DIFFERENCE_KINDS = [
  "missing_in_target",
  "missing_in_source",
  "field_drift",
  "summary_drift",
  "categorization_drift",
  "delete_drift",
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export const KIND_WORDS: Record<DifferenceKind, string> = {
  missing_in_target: "in the merged SQLite files, not in PostgreSQL",
  // also a video one file still has and the owner's step-3 decision leaves out: not "in neither file"
  missing_in_source: "in PostgreSQL, not in the merged SQLite files",
  field_drift: "a field differs",
  summary_drift: "the latest summary of a variant differs",
  categorization_drift: "the categorization differs",
  delete_drift: "gone from one side, still on the other",
};

export type Difference = {
  videoId: string;
  kind: DifferenceKind;
  /** the content column, `categories`, or the summary variant; null for presence kinds */
  field: string | null;
  /** canonical JSON (or a sentence for presence kinds), shortened for display */
  sourceValue: string | null;
  targetValue: string | null;
};

export function emptyKindCounts(): Record<DifferenceKind, number> {
  return Object.fromEntries(DIFFERENCE_KINDS.map((kind) => [kind, 0])) as Record<DifferenceKind, number>;
}
