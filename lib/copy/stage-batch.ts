import type { MergeBatch } from "@/lib/merge/merge-pass";
import { quarantineIdentity, type QuarantineEntry } from "@/lib/merge/quarantine";
import { renderSummaryHtml } from "@/lib/merge/transforms";
import { batchExpectation } from "@/lib/verify/expectations";
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

export function stageBatch(batch: MergeBatch): StagedBatch {
  const htmlOf = memoHtml();
  const expected = JSON.stringify(batchExpectation(batch, htmlOf));
  const lines = stagedLines(batch, htmlOf);
  const entries = [...(batch.extras?.quarantine ?? []), ...batch.records.flatMap((r) => r.quarantine)];
  return {
    index: batch.index,
    extras: batch.extras !== undefined,
    videoIds: batch.records.map((r) => r.videoId),
    quarantine: {
      videoIds: entries.flatMap((q) => (q.videoId === null ? [] : [q.videoId])),
      identities: entries.map(quarantineIdentity),
    },
    copy: {
      ids: chunks(lines.ids),
      content: chunks(lines.content),
      summaries: chunks(lines.summaries),
      quarantine: chunks(lines.quarantine),
    },
    expected,
    counts: { records: lines.content.length, summaries: lines.summaries.length, quarantine: lines.quarantine.length },
  };
}

/** stageBatch's location, for a merge worker to import it. */
export const STAGE_BATCH = { fn: stageBatch, file: "lib/copy/stage-batch.ts", exportName: "stageBatch" } as const;
