import type { Side } from "./choose";
import { sourceKeyOf, type LedgerEntry, type QuarantineEntry, type QuarantineReason } from "./quarantine";
import { columnSummaryCandidate, oldSummaryCandidate, variantCandidate, type Row } from "./summary-candidates";
import { unionSummaries, type MergedSummary, type SummaryCandidate } from "./summaries";

/** The parts of mergeRecord about a record's summary rows and about keeping a record out. */
export type SummaryRow = { side: Side; table: "summary_variants" | "content_summaries"; row: Row };
export type Parts = { quarantine: QuarantineEntry[]; ledger: LedgerEntry[] };

/** Every row of a record quarantined whole with one reason (a record that is not copied). */
export function quarantineWhole(
  videoId: string,
  rows: { side: Side; table: "content" | SummaryRow["table"]; row: Row }[],
  reason: QuarantineReason,
  detail: string,
): Parts {
  const parts: Parts = { quarantine: [], ledger: [] };
  for (const { side, table, row } of rows) {
    const sourceKey = sourceKeyOf(table, row);
    parts.quarantine.push({
      source: side,
      sourceTable: table,
      sourceKey,
      videoId,
      reason,
      field: null,
      detail,
      raw: row,
    });
    parts.ledger.push({ source: side, table, sourceKey, to: "quarantine", reason });
  }
  return parts;
}

/**
 * A copied record's summaries: candidates from every summary row and content.summary, the
 * union, and where each source row went. Missing times fall back to the record's created_at.
 */
export function recordSummaries(
  videoId: string,
  summaryRows: SummaryRow[],
  contentRows: { side: Side; row: Row; createdAt: string | null }[],
  recordCreatedAt: string,
): Parts & { summaries: MergedSummary[] } {
  const parts: Parts = { quarantine: [], ledger: [] };
  const candidates: SummaryCandidate[] = [];
  for (const { side, table, row } of summaryRows) {
    const out =
      table === "summary_variants" ? variantCandidate(side, videoId, row) : oldSummaryCandidate(side, videoId, row);
    parts.quarantine.push(...out.issues);
    if (out.candidate) candidates.push(out.candidate);
    else
      parts.ledger.push({ source: side, table, sourceKey: String(row.id), to: "quarantine", reason: "invalid_value" });
  }
  for (const { side, row, createdAt } of contentRows) {
    const column = columnSummaryCandidate(side, row, createdAt);
    if (column) candidates.push(column);
  }
  for (const c of candidates) {
    c.createdAt ??= recordCreatedAt;
    c.updatedAt ??= c.createdAt;
  }
  const summaries = unionSummaries(candidates);
  for (const s of summaries) {
    for (const c of [s.chosen, ...s.shadowed]) {
      if (c.side === "generated" || c.table === "content" || c.table === "generated") continue;
      const { variant, revision } = s;
      parts.ledger.push({
        source: c.side,
        table: c.table,
        sourceKey: c.sourceKey,
        to: "summary",
        videoId,
        variant,
        revision,
      });
    }
  }
  return { ...parts, summaries };
}
