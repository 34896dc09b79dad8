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

/** Each quarantine reason in the owner's words: a short label and what happened to the row. */
export const QUARANTINE_LOOK: Record<QuarantineReason, { label: string; means: string }> = {
  invalid_key: {
    label: "invalid key",
    means:
      "No usable video_id (not 11 characters of A–Z, a–z, 0–9, _ or -, and none in the id): the whole row is kept aside, not copied.",
  },
  duplicate_key: {
    label: "duplicate key",
    means: "A second row with the same video_id in one source: the newer one is copied, this one is kept aside.",
  },
  invalid_json: {
    label: "invalid JSON",
    means: "A JSON field that does not parse: copied as empty (NULL), its original text kept here.",
  },
  invalid_value: {
    label: "invalid value",
    means:
      "A value PostgreSQL cannot hold as it is (timestamp, language, NUL character): copied empty or normalized, the original kept here.",
  },
  orphan: {
    label: "orphan",
    means: "A summary whose video is in neither source's content: kept here, not copied.",
  },
  resurrection_candidate: {
    label: "resurrection candidate",
    means:
      "Only on the NAS and older than the Dashboard's newest video, so deleted on the Dashboard: not copied unless you restore it in the review.",
  },
  skipped_by_owner: {
    label: "skipped by you",
    means: "A NAS-new video you chose to skip in the review: not copied, kept here whole.",
  },
};

export function quarantineLabel(reason: string): string {
  return isQuarantineReason(reason) ? QUARANTINE_LOOK[reason].label : reason.replace(/_/g, " ");
}
