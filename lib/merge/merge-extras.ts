import type { MergePass } from "./merge-pass";
import { sourceKeyOf, type LedgerEntry, type QuarantineEntry, type SourceTable } from "./quarantine";
import { batchReaders } from "./source-db";
import { deriveVideoKey } from "./transforms";

/**
 * The source rows that belong to no record: content rows without a valid key (invalid_key),
 * the older of two rows with one key (duplicate_key), and summary rows whose video is in
 * neither source (orphan). Quarantined whole; few in practice, read in one last batch.
 */
export type ExtrasBatch = { quarantine: QuarantineEntry[]; ledger: LedgerEntry[] };

export function extrasBatch(pass: MergePass): ExtrasBatch {
  const quarantine: QuarantineEntry[] = [];
  const ledger: LedgerEntry[] = [];
  const add = (entry: QuarantineEntry) => {
    quarantine.push(entry);
    ledger.push({
      source: entry.source,
      table: entry.sourceTable,
      sourceKey: entry.sourceKey,
      to: "quarantine",
      reason: entry.reason,
    });
  };
  for (const side of ["nas", "dashboard"] as const) {
    const sp = pass[side];
    const read = batchReaders(sp.src);
    const invalid = new Map(sp.keys.invalid.map((i) => [i.rowid, i.detail]));
    const duplicates = new Map(sp.keys.duplicates.map((d) => [d.entry.rowid, d]));
    for (const row of read.content([...invalid.keys(), ...duplicates.keys()])) {
      const rowid = Number(row.rowid);
      const duplicate = duplicates.get(rowid);
      const base = {
        source: side,
        sourceTable: "content" as SourceTable,
        sourceKey: sourceKeyOf("content", row),
        field: null,
        raw: row,
      };
      if (duplicate) {
        add({
          ...base,
          videoId: duplicate.entry.videoId,
          reason: "duplicate_key",
          detail: `another ${side === "nas" ? "NAS" : "Dashboard"} row with video_id ${duplicate.entry.videoId} is newer and is used`,
        });
      } else add({ ...base, videoId: null, reason: "invalid_key", detail: invalid.get(rowid)! });
    }
    const orphan = (table: SourceTable, row: Record<string, unknown>, raw: unknown) => {
      const key = deriveVideoKey({ video_id: raw, id: raw });
      const videoId = key.ok ? key.videoId : typeof raw === "string" ? raw : null;
      add({
        source: side,
        sourceTable: table,
        sourceKey: String(row.id),
        videoId,
        reason: "orphan",
        field: null,
        detail: `no content row for ${JSON.stringify(raw)} in either source`,
        raw: row,
      });
    };
    for (const row of read.variants(sp.orphanVariantRaw)) orphan("summary_variants", row, row.video_id);
    for (const row of read.oldSummaries(sp.orphanOldRaw)) orphan("content_summaries", row, row.content_id);
  }
  return { quarantine, ledger };
}
