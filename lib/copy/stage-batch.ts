import type { MergeBatch } from "@/lib/merge/merge-pass";
import { quarantineIdentity, type QuarantineEntry } from "@/lib/merge/quarantine";
import { renderSummaryHtml } from "@/lib/merge/transforms";
import { batchExpectation, type BatchExpectation, type RecordExpectation } from "@/lib/verify/expectations";
import { copyField, copyRow, quarantineRawJson } from "./copy-text";
import { CONTENT_COLUMNS, JSON_COLUMNS } from "./staging";

/**
 * Everything the loader needs of one merge batch, made where the batch was merged (a worker
 * thread, for a large pass): the COPY text of each staging table as UTF-8 chunks of ~1 MB,
 * what verify will compare the batch with, and the keys the loader's fast paths test.
 * Plain data only, so it crosses threads; the chunks are handed over, not copied.
 */
export type StagedBatch = {
  index: number;
  /** the last batch: the rows that belong to no record (invalid keys, duplicates, orphans) */
  extras: boolean;
  videoIds: string[];
  /** video ids and identities of the batch's quarantine rows */
  quarantine: { videoIds: string[]; identities: string[] };
  copy: { ids: Uint8Array[]; content: Uint8Array[]; summaries: Uint8Array[]; quarantine: Uint8Array[] };
  /** JSON of the batch's BatchExpectation (stored with the batch for verify) */
  expected: string;
  counts: { records: number; summaries: number; quarantine: number };
};

const CHUNK_CHARS = 1 << 20;

/** Rows joined into ~1 MB pieces: one CopyData message per row would cost more than the row. */
function chunks(lines: string[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    size += lines[i]!.length;
    if (size >= CHUNK_CHARS || i === lines.length - 1) {
      out.push(Buffer.from(lines.slice(start, i + 1).join(""), "utf8"));
      start = i + 1;
      size = 0;
    }
  }
  return out;
}

function quarantineLine(q: QuarantineEntry): string {
  return copyRow([
    copyField(q.source),
    copyField(q.sourceTable),
    copyField(q.sourceKey),
    copyField(q.videoId),
    copyField(q.reason),
    copyField(q.field),
    copyField(q.detail),
    quarantineRawJson(q.raw),
  ]);
}

/** Each summary's html is rendered once, for the COPY line and for the hash verify compares with. */
function memoHtml(): (text: string | null) => string {
  const rendered = new Map<string, string>();
  return (text) => {
    if (!text) return renderSummaryHtml(text);
    let html = rendered.get(text);
    if (html === undefined) rendered.set(text, (html = renderSummaryHtml(text)));
    return html;
  };
}

function stagedLines(batch: MergeBatch, htmlOf: (text: string | null) => string = renderSummaryHtml) {
  const content: string[] = [];
  const summaries: string[] = [];
  const ids: string[] = [];
  const quarantine = (batch.extras?.quarantine ?? []).map(quarantineLine);
  for (const r of batch.records) {
    ids.push(copyRow([copyField(r.videoId), r.action]));
    quarantine.push(...r.quarantine.map(quarantineLine));
    if (!r.content) continue;
    const values = r.content;
    content.push(copyRow(CONTENT_COLUMNS.map((c) => copyField(values[c], JSON_COLUMNS.has(c) ? "json" : "value"))));
    // Highest revision first: the latest trigger then never has to demote (and so touch) an earlier row.
    for (const s of [...r.summaries].reverse()) {
      const c = s.chosen;
      summaries.push(
        copyRow([
          copyField(r.videoId),
          copyField(s.variant),
          copyField(s.revision),
          copyField(c.text),
          copyField(htmlOf(c.text)),
          copyField(c.rawJson ?? null, "json"),
          copyField(s.isLatest),
          copyField(c.createdAt),
          copyField(c.updatedAt),
          copyField(s.variant),
        ]),
      );
    }
  }
  return { content, summaries, ids, quarantine };
}

/**
 * A merge batch's staged form, made from its slices (merge-batches.ts MERGE_SLICE): each slice
 * is encoded into COPY chunks and expectations before the next is merged, so only the encoded
 * bytes and the hashes outlive it.
 */
export function stageBatchSlices(slices: Iterable<MergeBatch>): StagedBatch {
  let index: number | undefined;
  let extras: BatchExpectation["extras"];
  const expectations: RecordExpectation[] = [];
  const staged: Omit<StagedBatch, "index" | "extras" | "expected"> = {
    videoIds: [],
    quarantine: { videoIds: [], identities: [] },
    copy: { ids: [], content: [], summaries: [], quarantine: [] },
    counts: { records: 0, summaries: 0, quarantine: 0 },
  };
  for (const slice of slices) {
    index = slice.index;
    const htmlOf = memoHtml();
    const expected = batchExpectation(slice, htmlOf);
    expectations.push(...expected.records);
    extras ??= expected.extras;
    const lines = stagedLines(slice, htmlOf);
    const entries = [...(slice.extras?.quarantine ?? []), ...slice.records.flatMap((r) => r.quarantine)];
    staged.videoIds.push(...slice.records.map((r) => r.videoId));
    staged.quarantine.videoIds.push(...entries.flatMap((q) => (q.videoId === null ? [] : [q.videoId])));
    staged.quarantine.identities.push(...entries.map(quarantineIdentity));
    staged.copy.ids.push(...chunks(lines.ids));
    staged.copy.content.push(...chunks(lines.content));
    staged.copy.summaries.push(...chunks(lines.summaries));
    staged.copy.quarantine.push(...chunks(lines.quarantine));
    staged.counts.records += lines.content.length;
    staged.counts.summaries += lines.summaries.length;
    staged.counts.quarantine += lines.quarantine.length;
  }
  if (index === undefined) throw new Error("a merge batch came with no slice");
  const expected: BatchExpectation = { index, records: expectations, ...(extras ? { extras } : {}) };
  return { index, extras: extras !== undefined, ...staged, expected: JSON.stringify(expected) };
}

/** One merge batch's staged form (a batch of one slice). */
export function stageBatch(batch: MergeBatch): StagedBatch {
  return stageBatchSlices([batch]);
}

/** stageBatchSlices' location, for a merge worker to import it. */
export const STAGE_BATCH = {
  fn: stageBatchSlices,
  file: "lib/copy/stage-batch.ts",
  exportName: "stageBatchSlices",
} as const;
