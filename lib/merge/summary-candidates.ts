import type { Side } from "./choose";
import type { QuarantineEntry, SourceTable } from "./quarantine";
import type { SummaryCandidate } from "./summaries";
import { extractSummaryText, normalizeVariantName, parseJsonText, parseTimestamp, toInteger } from "./transforms";

/**
 * A legacy summary row → a candidate for the union, or a quarantine row when it cannot be a
 * target row at all (no usable variant or revision). Issues that lose something in a field
 * (unparseable dict, NUL, a bad timestamp) become quarantine rows beside the candidate.
 */
export type Row = Record<string, unknown>;
type Out = { candidate?: SummaryCandidate; issues: QuarantineEntry[] };

function issueEntries(
  side: Side,
  table: SourceTable,
  sourceKey: string,
  videoId: string,
  row: Row,
  issues: { reason: "invalid_value" | "invalid_json"; field?: string; detail: string; original: unknown }[],
): QuarantineEntry[] {
  return issues.map((issue) => ({
    source: side,
    sourceTable: table,
    sourceKey,
    videoId,
    reason: issue.reason,
    field: issue.field ?? null,
    detail: issue.detail,
    raw: row,
    original: issue.original,
  }));
}

export function variantCandidate(side: Side, videoId: string, row: Row): Out {
  const sourceKey = String(row.id);
  const variant = normalizeVariantName(row.variant_type, "variant");
  const revision = toInteger(row.revision, "integer", "revision");
  if (variant.value === null || revision.value === null || Number(revision.value) < 1) {
    const why =
      variant.value === null ? `variant ${JSON.stringify(row.variant_type)}` : `revision ${String(row.revision)}`;
    const whole: QuarantineEntry = {
      source: side,
      sourceTable: "summary_variants",
      sourceKey,
      videoId,
      reason: "invalid_value",
      field: variant.value === null ? "variant" : "revision",
      detail: `summary row cannot go in: unusable ${why}`,
      raw: row,
      original: variant.value === null ? row.variant_type : row.revision,
    };
    return { issues: [whole] };
  }
  const text = extractSummaryText(row.content, "text");
  const created = parseTimestamp(row.created_at, "created_at");
  const updated = parseTimestamp(row.updated_at, "updated_at");
  const payload = text.parsed === undefined ? parseJsonText(row.raw_payload, "raw_json") : { value: text.parsed };
  const found = [...text.issues, created.issue, updated.issue, "issue" in payload ? payload.issue : undefined];
  return {
    candidate: {
      side,
      table: "summary_variants",
      sourceKey,
      variant: variant.value,
      revision: Number(revision.value),
      text: text.text,
      rawJson: payload.value ?? null,
      createdAt: created.value,
      updatedAt: updated.value,
      rowid: Number(row.id) || 0,
    },
    issues: issueEntries(
      side,
      "summary_variants",
      sourceKey,
      videoId,
      row,
      found.filter((i) => i !== undefined),
    ),
  };
}

export function oldSummaryCandidate(side: Side, videoId: string, row: Row): Out {
  const sourceKey = String(row.id);
  const variant = normalizeVariantName(row.summary_type ?? "comprehensive", "variant");
  if (variant.value === null) {
    const whole: QuarantineEntry = {
      source: side,
      sourceTable: "content_summaries",
      sourceKey,
      videoId,
      reason: "invalid_value",
      field: "variant",
      detail: `summary row cannot go in: unusable summary_type ${JSON.stringify(row.summary_type)}`,
      raw: row,
      original: row.summary_type,
    };
    return { issues: [whole] };
  }
  const text = extractSummaryText(row.summary_text, "text");
  const created = parseTimestamp(row.created_at, "created_at");
  const found = [...text.issues, created.issue].filter((i) => i !== undefined);
  return {
    candidate: {
      side,
      table: "content_summaries",
      sourceKey,
      variant: variant.value,
      revision: 1,
      text: text.text,
      rawJson: text.parsed ?? null,
      createdAt: created.value,
      updatedAt: created.value,
      rowid: Number(row.id) || 0,
    },
    issues: issueEntries(side, "content_summaries", sourceKey, videoId, row, found),
  };
}

/** content.summary as a comprehensive revision 1; its column's own issues are the content row's. */
export function columnSummaryCandidate(side: Side, row: Row, createdAt: string | null): SummaryCandidate | undefined {
  const text = extractSummaryText(row.summary, "summary");
  if (text.text === null && text.parsed === undefined) return undefined;
  return {
    side,
    table: "content",
    sourceKey: String(row.id),
    variant: "comprehensive",
    revision: 1,
    text: text.text,
    rawJson: text.parsed ?? null,
    createdAt,
    updatedAt: createdAt,
    rowid: Number(row.rowid) || 0,
  };
}
