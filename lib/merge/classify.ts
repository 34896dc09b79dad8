import type { KeyEntry } from "./keys";

/**
 * DESIGN.md's cases. A NAS-only record is new when its `indexed_at` (else `created_at`) is
 * after the Dashboard's high-water mark; at or before it, the Dashboard deleted it. A NAS-only
 * record with no parseable time cannot prove it is new, so it is a resurrection candidate:
 * the owner restores it, never the tool by guessing.
 */
export const MERGE_CASES = [
  "both_equal",
  "both_differ",
  "dashboard_only",
  "nas_new",
  "resurrection_candidate",
] as const;
export type MergeCase = (typeof MERGE_CASES)[number];

/** The Dashboard's newest parsed indexed_at (ms), over the rows used for a key. */
export function highWaterMark(dashboard: Iterable<KeyEntry>): number | null {
  let max: number | null = null;
  for (const entry of dashboard)
    if (entry.indexedMs !== null && (max === null || entry.indexedMs > max)) max = entry.indexedMs;
  return max;
}

export function classifyPresence(
  nas: KeyEntry | undefined,
  dashboard: KeyEntry | undefined,
  mark: number | null,
): "both" | "dashboard_only" | "nas_new" | "resurrection_candidate" {
  if (nas && dashboard) return "both";
  if (dashboard) return "dashboard_only";
  if (!nas) throw new Error("classifyPresence: a record needs at least one side");
  const at = nas.indexedMs ?? nas.createdMs;
  if (at === null) return "resurrection_candidate";
  return mark === null || at > mark ? "nas_new" : "resurrection_candidate";
}
