import type { Side } from "./choose";

/** What the merge sends to `migration_quarantine` (DESIGN.md's reasons), with the whole source row. */
export type QuarantineReason =
  | "invalid_key"
  | "duplicate_key"
  | "invalid_json"
  | "invalid_value"
  | "orphan"
  | "resurrection_candidate"
  | "skipped_by_owner";

/** The legacy tables whose every row the ledger accounts for, in both sources. */
export const SOURCE_TABLES = ["content", "content_summaries", "summary_variants"] as const;
export type SourceTable = (typeof SOURCE_TABLES)[number];

export type QuarantineEntry = {
  source: Side;
  sourceTable: SourceTable;
  /** the source row's primary key as text */
  sourceKey: string;
  videoId: string | null;
  reason: QuarantineReason;
  field: string | null;
  detail: string;
  /** the complete source row, encoded with toQuarantineRaw by the loader */
  raw: Record<string, unknown>;
  /** the field's original value, for the diff view (the whole row is in raw) */
  original?: unknown;
};

/** Where one source row went: the ledger invariant checks every one of these. */
export type LedgerEntry =
  | { source: Side; table: SourceTable; sourceKey: string; to: "content"; videoId: string }
  | {
      source: Side;
      table: SourceTable;
      sourceKey: string;
      to: "summary";
      videoId: string;
      variant: string;
      revision: number;
    }
  | { source: Side; table: SourceTable; sourceKey: string; to: "quarantine"; reason: QuarantineReason };

/** The identity a quarantine row is written and found by (re-runs must not duplicate it). */
export function quarantineIdentity(q: {
  source: string;
  sourceTable: string;
  sourceKey: string | null;
  reason: string;
  field: string | null;
}): string {
  return [q.source, q.sourceTable, q.sourceKey ?? "", q.reason, q.field ?? ""].join("\u0001");
}

export function sourceKeyOf(table: SourceTable, row: Record<string, unknown>): string {
  return String(table === "content" ? (row.id ?? `rowid:${String(row.rowid)}`) : row.id);
}
