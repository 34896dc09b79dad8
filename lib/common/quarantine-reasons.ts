/**
 * Why a source row sits in `migration_quarantine` (DESIGN.md). The one list: the merge's
 * types, the target schema's CHECK constraint, the review's filter and the panel's labels
 * all derive from it, so a reason cannot exist in one and be missing from another.
 */
export const QUARANTINE_REASONS = [
  "invalid_key",
  "duplicate_key",
  "invalid_json",
  "invalid_value",
  "orphan",
  "resurrection_candidate",
  "skipped_by_owner",
] as const;

export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export function isQuarantineReason(value: string): value is QuarantineReason {
  return (QUARANTINE_REASONS as readonly string[]).includes(value);
}
