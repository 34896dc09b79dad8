/** One line per quarantine reason (DESIGN.md), in the owner's words: what happened to the row. */
export const QUARANTINE_REASONS: Record<string, string> = {
  invalid_key:
    "No usable video_id (not 11 characters of A–Z, a–z, 0–9, _ or -, and none in the id): the whole row is kept aside, not copied.",
  duplicate_key: "A second row with the same video_id in one source: the newer one is copied, this one is kept aside.",
  invalid_json: "A JSON field that does not parse: copied as empty (NULL), its original text kept here.",
  invalid_value:
    "A value PostgreSQL cannot hold as it is (timestamp, language, NUL character): copied empty or normalized, the original kept here.",
  orphan: "A summary whose video is in neither source's content: kept here, not copied.",
  resurrection_candidate:
    "Only on the NAS and older than the Dashboard's newest video, so deleted on the Dashboard: not copied unless you restore it in the review.",
  skipped_by_owner: "New on the NAS, and you chose to skip it in the review: not copied unless you copy it after all.",
};
