import { createHash } from "node:crypto";
import type { MergedRecord } from "@/lib/merge/merge-record";
import { canonicalHash, canonicalJson, renderSummaryHtml } from "@/lib/merge/transforms";
import { CONTENT_COLUMNS } from "@/lib/copy/staging";

/**
 * The canonical form of a record, the same for the merged source view and for the target's
 * rows: every content column as a target-typed value, and each summary with the SHA-256 of its
 * text and html (so the target side can be hashed inside PostgreSQL without shipping the text).
 */
export type CanonicalSummary = {
  variant: string;
  revision: number;
  is_latest: boolean;
  text_sha256: string | null;
  html_sha256: string;
  raw_json: unknown;
  created_at: string | null;
  updated_at: string | null;
  summary_type: string | null;
};
export type CanonicalRecord = { content: Record<string, unknown>; summaries: CanonicalSummary[] };

export const sha256Text = (text: string | null) =>
  text === null ? null : createHash("sha256").update(text, "utf8").digest("hex");

export function mergedCanonical(
  record: MergedRecord,
  htmlOf: (text: string | null) => string = renderSummaryHtml,
): CanonicalRecord | null {
  if (!record.content) return null;
  const content: Record<string, unknown> = {};
  for (const column of CONTENT_COLUMNS) content[column] = record.content[column] ?? null;
  const summaries = record.summaries.map((s) => ({
    variant: s.variant,
    revision: s.revision,
    is_latest: s.isLatest,
    text_sha256: sha256Text(s.chosen.text),
    html_sha256: sha256Text(htmlOf(s.chosen.text))!,
    raw_json: s.chosen.rawJson ?? null,
    created_at: s.chosen.createdAt,
    updated_at: s.chosen.updatedAt,
    summary_type: s.variant,
  }));
  return { content, summaries: sortSummaries(summaries) };
}

export function sortSummaries(list: CanonicalSummary[]): CanonicalSummary[] {
  return list.sort((a, b) => (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : a.revision - b.revision));
}

export function recordHash(record: CanonicalRecord): string {
  return canonicalHash(record);
}

/** The fields (content columns, or `summaries`) where two canonical records differ. */
export function differingFields(a: CanonicalRecord, b: CanonicalRecord): string[] {
  const fields = CONTENT_COLUMNS.filter(
    (c) => canonicalJson(a.content[c] ?? null) !== canonicalJson(b.content[c] ?? null),
  );
  if (canonicalJson(a.summaries) !== canonicalJson(b.summaries)) fields.push("summaries");
  return fields;
}
