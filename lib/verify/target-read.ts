import "server-only";
import type pg from "pg";
import { CONTENT_FIELDS, DERIVED_FIELDS } from "@/lib/merge/fields";
import { pgTimestampTextSql } from "@/lib/merge/transforms";
import { sortSummaries, type CanonicalRecord, type CanonicalSummary } from "./record-hash";

/**
 * Reads target rows back into the canonical record form: timestamps printed exactly as
 * parseTimestamp writes them, BIGINT as a number while it is exact (as toInteger does),
 * JSONB parsed, summary text and html hashed inside PostgreSQL.
 */
const select = [
  "video_id",
  "id",
  ...CONTENT_FIELDS.map((f) => (f.kind === "timestamp" ? `${pgTimestampTextSql(f.field)} AS ${f.field}` : f.field)),
  ...DERIVED_FIELDS,
].join(", ");
const BIGINTS = CONTENT_FIELDS.filter((f) => f.kind === "bigint").map((f) => f.field);

const SUMMARIES_SQL = `SELECT video_id, variant, revision, is_latest, raw_json,
  encode(sha256(convert_to(text, 'UTF8')), 'hex') AS text_sha256,
  encode(sha256(convert_to(html, 'UTF8')), 'hex') AS html_sha256,
  ${pgTimestampTextSql("created_at")} AS created_at, ${pgTimestampTextSql("updated_at")} AS updated_at, summary_type
  FROM content_summaries WHERE video_id = ANY($1)`;

export async function readTargetRecords(
  client: pg.ClientBase,
  videoIds: string[],
): Promise<Map<string, CanonicalRecord>> {
  const records = new Map<string, CanonicalRecord>();
  if (videoIds.length === 0) return records;
  const content = await client.query<Record<string, unknown>>(
    `SELECT ${select} FROM content WHERE video_id = ANY($1)`,
    [videoIds],
  );
  for (const row of content.rows) {
    for (const column of BIGINTS) {
      const value = row[column];
      if (typeof value === "string" && Number.isSafeInteger(Number(value))) row[column] = Number(value);
    }
    records.set(String(row.video_id), { content: row, summaries: [] });
  }
  const summaries = await client.query<CanonicalSummary & { video_id: string }>(SUMMARIES_SQL, [videoIds]);
  for (const { video_id, ...summary } of summaries.rows) records.get(video_id)?.summaries.push(summary);
  for (const record of records.values()) sortSummaries(record.summaries);
  return records;
}

/** Every quarantine row of ours, as the identities the ledger looks for (source, table, key, reason[, field]). */
export async function readQuarantineIdentities(client: pg.ClientBase): Promise<Set<string>> {
  const { rows } = await client.query<{
    source: string;
    source_table: string;
    source_key: string;
    reason: string;
    field: string | null;
  }>("SELECT source, source_table, source_key, reason, field FROM migration_quarantine");
  const set = new Set<string>();
  for (const r of rows) {
    set.add([r.source, r.source_table, r.source_key, r.reason].join("\u0001"));
    set.add([r.source, r.source_table, r.source_key, r.reason, r.field ?? ""].join("\u0001"));
  }
  return set;
}
