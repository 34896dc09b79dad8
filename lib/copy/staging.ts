import { CONTENT_FIELDS, DERIVED_FIELDS } from "@/lib/merge/fields";

/**
 * The loader's SQL: temporary staging tables (one set per connection, emptied at each commit)
 * and the statements that move a staged batch into the target. Upserts skip rows that are
 * already identical, so a second copy writes nothing.
 */
export const CONTENT_COLUMNS = ["video_id", "id", ...CONTENT_FIELDS.map((f) => f.field), ...DERIVED_FIELDS];
export const JSON_COLUMNS = new Set(
  CONTENT_FIELDS.filter((f) => f.kind === "json" || f.kind === "topics").map((f) => f.field),
);
export const SUMMARY_COLUMNS = [
  "video_id",
  "variant",
  "revision",
  "text",
  "html",
  "raw_json",
  "is_latest",
  "created_at",
  "updated_at",
  "summary_type",
];
export const QUARANTINE_COLUMNS = [
  "source",
  "source_table",
  "source_key",
  "video_id",
  "reason",
  "field",
  "detail",
  "raw",
];

export const EXTRAS_REASONS = ["invalid_key", "duplicate_key", "orphan"];

export const STAGING_DDL = `
CREATE TEMP TABLE IF NOT EXISTS stage_content (LIKE content INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS stage_summaries (
  video_id text, variant text, revision integer, text text, html text, raw_json jsonb,
  is_latest boolean, created_at timestamptz, updated_at timestamptz, summary_type text) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS stage_quarantine (
  source text, source_table text, source_key text, video_id text, reason text, field text, detail text, raw jsonb)
  ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS stage_batch (video_id text, action text) ON COMMIT DELETE ROWS;`;

const updatable = CONTENT_COLUMNS.filter((c) => c !== "video_id");
const set = (columns: string[]) => columns.map((c) => `${c} = EXCLUDED.${c}`).join(", ");
const differs = (table: string, columns: string[]) =>
  `(${columns.map((c) => `${table}.${c}`).join(", ")}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(", ")})`;
const summaryValues = ["text", "html", "raw_json", "created_at", "updated_at", "summary_type"];
const sameSummary = "t.video_id = s.video_id AND t.variant = s.variant AND t.revision = s.revision";

/**
 * In order. The touch trigger replaces an updated_at that an UPDATE leaves unchanged; the
 * fix-up statements set the source's value again (now different from the row's), which it keeps.
 * Summaries already in the target are updated in place and only the missing ones inserted:
 * mark_latest_summary() numbers an insert at a taken revision as a new one (the contract's
 * re-summary), so an INSERT … ON CONFLICT would never meet its conflict.
 */
export const LOAD_STATEMENTS = [
  `DELETE FROM content c USING stage_batch b WHERE b.action = 'skip' AND c.video_id = b.video_id`,
  `INSERT INTO content (${CONTENT_COLUMNS.join(", ")}) SELECT ${CONTENT_COLUMNS.join(", ")} FROM stage_content
   ON CONFLICT (video_id) DO UPDATE SET ${set(updatable)} WHERE ${differs("content", updatable)}`,
  `UPDATE content c SET updated_at = s.updated_at FROM stage_content s
   WHERE c.video_id = s.video_id AND c.updated_at IS DISTINCT FROM s.updated_at`,
  `DELETE FROM content_summaries t USING stage_batch b WHERE b.action = 'copy' AND t.video_id = b.video_id
   AND NOT EXISTS (SELECT 1 FROM stage_summaries s WHERE s.video_id = t.video_id AND s.variant = t.variant AND s.revision = t.revision)`,
  `UPDATE content_summaries t SET ${summaryValues.map((c) => `${c} = s.${c}`).join(", ")} FROM stage_summaries s
   WHERE ${sameSummary} AND (${summaryValues.map((c) => `t.${c}`).join(", ")}) IS DISTINCT FROM (${summaryValues.map((c) => `s.${c}`).join(", ")})`,
  `INSERT INTO content_summaries (${SUMMARY_COLUMNS.join(", ")})
   SELECT ${SUMMARY_COLUMNS.join(", ")} FROM stage_summaries s
   WHERE NOT EXISTS (SELECT 1 FROM content_summaries t WHERE ${sameSummary})
   ORDER BY video_id, variant, revision DESC`,
  `UPDATE content_summaries t SET updated_at = s.updated_at FROM stage_summaries s
   WHERE ${sameSummary} AND t.updated_at IS DISTINCT FROM s.updated_at`,
];

const sameQuarantine = `q.source = s.source AND q.source_table = s.source_table AND q.source_key IS NOT DISTINCT FROM s.source_key
  AND q.reason = s.reason AND q.field IS NOT DISTINCT FROM s.field`;
const ours = `q.source IN ('nas', 'dashboard') AND q.source_table IN ('content', 'content_summaries', 'summary_variants')`;
const extras = `q.reason IN (${EXTRAS_REASONS.map((r) => `'${r}'`).join(", ")})`;

/** Quarantine rows of the batch's scope that the merge no longer produces go; missing ones come in. */
export function quarantineStatements(extrasBatch: boolean): string[] {
  const scope = extrasBatch
    ? `${ours} AND ${extras}`
    : `${ours} AND NOT ${extras} AND q.video_id IN (SELECT video_id FROM stage_batch)`;
  return [
    `DELETE FROM migration_quarantine q WHERE ${scope} AND NOT EXISTS (SELECT 1 FROM stage_quarantine s WHERE ${sameQuarantine})`,
    `INSERT INTO migration_quarantine (${QUARANTINE_COLUMNS.join(", ")})
     SELECT ${QUARANTINE_COLUMNS.map((c) => `s.${c}`).join(", ")} FROM stage_quarantine s
     WHERE NOT EXISTS (SELECT 1 FROM migration_quarantine q WHERE ${sameQuarantine})`,
  ];
}
