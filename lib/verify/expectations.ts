import { CATEGORIZATION_FIELDS } from "@/lib/merge/fields";
import type { MergeBatch } from "@/lib/merge/merge-pass";
import type { LedgerEntry, QuarantineEntry } from "@/lib/merge/quarantine";
import { canonicalJson, renderSummaryHtml } from "@/lib/merge/transforms";
import { mergedCanonical, recordHash } from "./record-hash";
import { contractExpectation, type ContractExpectation } from "./contract-checks";

/**
 * What verify compares the target with, written by the copy per batch (control DB
 * `copy_expectation`, in the transaction that marks the batch done): for each record of the
 * merged source view its canonical hash (recordHash(mergedCanonical(record)) — exactly what a
 * full verify computes from the sources), its categorization fields in canonical JSON, its
 * ledger entries and the identities of the quarantine rows it must have. Nothing of the target
 * is in it: verify reads and hashes every target row itself and compares.
 */
export type QuarantineIdentity = Pick<QuarantineEntry, "source" | "sourceTable" | "sourceKey" | "reason" | "field">;

export type RecordExpectation = {
  videoId: string;
  /** null: the record is not copied (quarantined whole) */
  hash: string | null;
  summaries: number;
  categorized: boolean;
  /** canonical JSON of each CATEGORIZATION_FIELDS value, in that order; null when not copied */
  categorization: string[] | null;
  ledger: LedgerEntry[];
  quarantine: QuarantineIdentity[];
} & ContractExpectation;

export type BatchExpectation = {
  index: number;
  records: RecordExpectation[];
  extras?: { ledger: LedgerEntry[]; quarantine: QuarantineIdentity[] };
};

const identity = (q: QuarantineEntry): QuarantineIdentity => ({
  source: q.source,
  sourceTable: q.sourceTable,
  sourceKey: q.sourceKey,
  reason: q.reason,
  field: q.field,
});

export function batchExpectation(
  batch: MergeBatch,
  htmlOf: (text: string | null) => string = renderSummaryHtml,
): BatchExpectation {
  const records = batch.records.map((r): RecordExpectation => {
    const merged = mergedCanonical(r, htmlOf);
    return {
      videoId: r.videoId,
      hash: merged ? recordHash(merged) : null,
      summaries: merged ? merged.summaries.length : 0,
      categorized: r.categorized,
      categorization: merged ? [...CATEGORIZATION_FIELDS].map((f) => canonicalJson(merged.content[f] ?? null)) : null,
      ledger: r.ledger,
      quarantine: r.quarantine.map(identity),
      ...contractExpectation(r),
    };
  });
  const extras = batch.extras && {
    ledger: batch.extras.ledger as LedgerEntry[],
    quarantine: batch.extras.quarantine.map(identity),
  };
  return { index: batch.index, records, ...(extras ? { extras } : {}) };
}
