import type { Side } from "./choose";
import { extrasBatch } from "./merge-extras";
import { resolveOldSummaryKey } from "./keys";
import type { MergeBatch, MergePass } from "./merge-pass";
import { mergeRecord, type MergedRecord, type MergeInput, type RecordDecisions } from "./merge-record";
import { collectGarbageEvery } from "./memory";
import { batchReaders } from "./source-db";
import { deriveVideoKey } from "./transforms";

/**
 * Batches of a merge pass: whole rows of a batch of videos read from both sources, each video
 * through mergeRecord, then one last batch with the rows that belong to no record.
 */
/**
 * A forced full collection every 8 batches (see memory.ts): every 2 held a 100k-record plan's
 * peak RSS ~100 MB lower but spent a fifth of its time collecting, as the live key maps grow with N.
 */
const GC_EVERY_BATCHES = 8;

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type Readers = { nas: ReturnType<typeof batchReaders>; dashboard: ReturnType<typeof batchReaders> };

/** Reads the rows of one batch (or of the videos `ids`) from both sources and assembles each video's merge input. */
export function batchInputs(
  pass: MergePass,
  readers: Readers,
  decisions: ReadonlyMap<string, RecordDecisions>,
  index: number | string[],
): MergeInput[] {
  const ids = typeof index === "number" ? batchIds(pass, index) : index;
  const perSide = (side: Side) => {
    const sp = pass[side];
    const reader = readers[side];
    const byRowid = new Map(
      reader.content(ids.flatMap((id) => sp.keys.chosen.get(id)?.rowid ?? [])).map((r) => [Number(r.rowid), r]),
    );
    const variants = new Map<string, Record<string, unknown>[]>();
    for (const row of reader.variants(ids.flatMap((id) => [id, ...(sp.variantRaw.get(id) ?? [])]))) {
      const key = deriveVideoKey({ video_id: row.video_id, id: row.video_id });
      if (key.ok) push(variants, key.videoId, row);
    }
    const inBatch = new Set(ids);
    const old = new Map<string, Record<string, unknown>[]>();
    for (const row of reader.oldSummaries(ids.flatMap((id) => [`yt:${id}`, ...(sp.oldRaw.get(id) ?? [])]))) {
      // a plain yt:<id> may still belong to another video (a row whose video_id differs): resolve, never assume
      const videoId = resolveOldSummaryKey(sp.keys, row.content_id as string | null, inBatch);
      if (videoId !== undefined) push(old, videoId, row);
    }
    return { sp, byRowid, variants, old };
  };
  const sides = { nas: perSide("nas"), dashboard: perSide("dashboard") };
  return ids.map((videoId) => {
    const input: MergeInput = {
      videoId,
      highWaterMark: pass.highWaterMark,
      decisions: decisions.get(videoId),
      strayVariants: [],
      strayOldSummaries: [],
    };
    for (const side of ["nas", "dashboard"] as const) {
      const { sp, byRowid, variants, old } = sides[side];
      const entry = sp.keys.chosen.get(videoId);
      const variantRows = variants.get(videoId) ?? [];
      const oldRows = old.get(videoId) ?? [];
      if (entry)
        input[side] = { entry, content: byRowid.get(entry.rowid)!, variants: variantRows, oldSummaries: oldRows };
      else {
        input.strayVariants!.push(...variantRows.map((row) => ({ side, row })));
        input.strayOldSummaries!.push(...oldRows.map((row) => ({ side, row })));
      }
    }
    return input;
  });
}

/** The video ids of record batch `index`, known before any row is read. */
export function batchIds(pass: MergePass, index: number): string[] {
  return pass.order.slice(index * pass.batchSize, (index + 1) * pass.batchSize);
}

/**
 * Videos read and merged at a time within a batch. A batch's rows (megabytes of summary text)
 * outlive the young generation's collections when a whole batch is read and held at once, and
 * are then copied into the old generation; a product made slice by slice (merge-products.ts)
 * lets them die young. At 25k the plan's worker spent 2.0 s in young collections with whole
 * batches of 250 and 0.4 s with slices of 20, the copy's 3.6 s and 1.1 s (README, Performance).
 */
export const MERGE_SLICE = 20;

/**
 * Merges any batch of the pass on demand, in whatever order asked (a worker thread takes every
 * k-th batch): the record batches are 0 … batchCount − 2, the last index is the extras batch.
 * A batch comes as consecutive slices of its records, each merged when it is reached; the
 * extras batch is one slice.
 */
export function batchSliceMerger(
  pass: MergePass,
  decisions: ReadonlyMap<string, RecordDecisions>,
): (index: number) => Generator<MergeBatch> {
  const readers = { nas: batchReaders(pass.nas.src), dashboard: batchReaders(pass.dashboard.src) };
  const recordBatches = pass.batchCount - 1;
  const collect = collectGarbageEvery(GC_EVERY_BATCHES);
  let merged = 0;
  return function* (index) {
    if (index === recordBatches) {
      yield { index, records: [], extras: extrasBatch(pass) };
      return;
    }
    collect(merged++);
    const ids = batchIds(pass, index);
    for (let from = 0; from < ids.length; from += MERGE_SLICE) {
      yield {
        index,
        records: batchInputs(pass, readers, decisions, ids.slice(from, from + MERGE_SLICE)).map(mergeRecord),
      };
    }
  };
}

/** A batch's slices, counting the records that pass through. */
export function countingRecords(slices: Iterable<MergeBatch>): Iterable<MergeBatch> & { records: number } {
  const counted = {
    records: 0,
    *[Symbol.iterator]() {
      for (const slice of slices) {
        counted.records += slice.records.length;
        yield slice;
      }
    },
  };
  return counted;
}

const YIELD_EVERY_RECORDS = 25;

/**
 * The same batches, but the merge gives the event loop a turn every few records, so database
 * work already sent (the previous batch's load, this batch's target read) runs in PostgreSQL
 * on the other core while this one merges.
 */
export async function* mergeBatchesAsync(
  pass: MergePass,
  decisions: ReadonlyMap<string, RecordDecisions>,
  fromBatch = 0,
): AsyncGenerator<MergeBatch> {
  const readers = { nas: batchReaders(pass.nas.src), dashboard: batchReaders(pass.dashboard.src) };
  const recordBatches = pass.batchCount - 1;
  const collect = collectGarbageEvery(GC_EVERY_BATCHES);
  for (let index = fromBatch; index < recordBatches; index++) {
    collect(index);
    const inputs = batchInputs(pass, readers, decisions, index);
    const records: MergedRecord[] = [];
    for (let i = 0; i < inputs.length; i++) {
      if (i % YIELD_EVERY_RECORDS === YIELD_EVERY_RECORDS - 1) await new Promise((resolve) => setImmediate(resolve));
      records.push(mergeRecord(inputs[i]!));
    }
    yield { index, records };
  }
  if (fromBatch <= recordBatches) yield { index: recordBatches, records: [], extras: extrasBatch(pass) };
}
