import type { Side } from "./choose";
import { highWaterMark } from "./classify";
import { resolveSideKeys, type SideKeys } from "./keys";
import { mergeRecord, type MergedRecord, type MergeInput, type RecordDecisions } from "./merge-record";
import { extrasBatch, type ExtrasBatch } from "./merge-extras";
import { collectGarbageEvery } from "./memory";
import { batchReaders, oldSummaryContentIds, openSource, scanKeys, variantVideoIds, type SourceDb } from "./source-db";
import { deriveVideoKey } from "./transforms";

/**
 * The streaming core shared by plan, copy and verify. `openMergePass` reads only key columns
 * (≈100 bytes per row in memory); `batches` then reads whole rows a batch of videos at a time,
 * in a fixed order (Dashboard rowid order, then the NAS-only videos), so batch k is the same
 * videos on every run over unchanged sources — which is what makes a copy resumable.
 */
export type SidePass = {
  src: SourceDb;
  keys: SideKeys;
  /** key → raw summary_variants.video_id values / content_summaries.content_id values */
  variantRaw: Map<string, string[]>;
  oldRaw: Map<string, (string | null)[]>;
  orphanVariantRaw: string[];
  orphanOldRaw: (string | null)[];
};

export type MergePass = {
  nas: SidePass;
  dashboard: SidePass;
  highWaterMark: number | null;
  order: string[];
  batchSize: number;
  batchCount: number;
  close(): void;
};

const GC_EVERY_BATCHES = 2;

export type MergeBatch = { index: number; records: MergedRecord[]; extras?: ExtrasBatch };

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sidePass(src: SourceDb): Omit<SidePass, "variantRaw" | "oldRaw" | "orphanVariantRaw" | "orphanOldRaw"> {
  return { src, keys: resolveSideKeys(scanKeys(src)) };
}

function attachSummaries(
  side: Omit<SidePass, "variantRaw" | "oldRaw" | "orphanVariantRaw" | "orphanOldRaw">,
  all: Set<string>,
): SidePass {
  const pass: SidePass = { ...side, variantRaw: new Map(), oldRaw: new Map(), orphanVariantRaw: [], orphanOldRaw: [] };
  for (const raw of variantVideoIds(side.src)) {
    const key = deriveVideoKey({ video_id: raw, id: raw });
    if (key.ok && all.has(key.videoId)) push(pass.variantRaw, key.videoId, raw);
    else pass.orphanVariantRaw.push(raw);
  }
  for (const raw of oldSummaryContentIds(side.src)) {
    let videoId = raw === null ? undefined : side.keys.idToKey.get(raw);
    if (videoId === undefined && raw !== null) {
      const key = deriveVideoKey({ video_id: raw, id: raw });
      if (key.ok && all.has(key.videoId)) videoId = key.videoId;
    }
    if (videoId !== undefined) push(pass.oldRaw, videoId, raw);
    else pass.orphanOldRaw.push(raw);
  }
  return pass;
}

export function openMergePass(paths: { nas: string; dashboard: string }, batchSize = 500): MergePass {
  const nasSrc = openSource("nas", paths.nas);
  let dashSrc: SourceDb | undefined;
  try {
    dashSrc = openSource("dashboard", paths.dashboard);
    const nasKeys = sidePass(nasSrc);
    const dashKeys = sidePass(dashSrc);
    const all = new Set([...dashKeys.keys.chosen.keys(), ...nasKeys.keys.chosen.keys()]);
    const nas = attachSummaries(nasKeys, all);
    const dashboard = attachSummaries(dashKeys, all);
    const rank = (id: string) => dashboard.keys.chosen.get(id)?.rowid ?? Number.MAX_SAFE_INTEGER;
    const order = [...all].sort(
      (a, b) => rank(a) - rank(b) || nas.keys.chosen.get(a)!.rowid - nas.keys.chosen.get(b)!.rowid,
    );
    const source = dashSrc;
    return {
      nas,
      dashboard,
      highWaterMark: highWaterMark(dashboard.keys.chosen.values()),
      order,
      batchSize,
      // the last batch holds the rows that belong to no record: invalid keys, duplicates, orphans
      batchCount: Math.ceil(order.length / batchSize) + 1,
      close: () => {
        nasSrc.close();
        source.close();
      },
    };
  } catch (error) {
    nasSrc.close();
    dashSrc?.close();
    throw error;
  }
}

type Readers = { nas: ReturnType<typeof batchReaders>; dashboard: ReturnType<typeof batchReaders> };

/** Reads one batch's rows from both sources and assembles each video's merge input. */
function batchInputs(
  pass: MergePass,
  readers: Readers,
  decisions: ReadonlyMap<string, RecordDecisions>,
  index: number,
): MergeInput[] {
  const ids = batchIds(pass, index);
  const perSide = (side: Side) => {
    const sp = pass[side];
    const reader = readers[side];
    const byRowid = new Map(
      reader.content(ids.flatMap((id) => sp.keys.chosen.get(id)?.rowid ?? [])).map((r) => [Number(r.rowid), r]),
    );
    const variants = new Map<string, Record<string, unknown>[]>();
    for (const row of reader.variants(ids.flatMap((id) => sp.variantRaw.get(id) ?? []))) {
      const key = deriveVideoKey({ video_id: row.video_id, id: row.video_id });
      if (key.ok) push(variants, key.videoId, row);
    }
    const rawToKey = new Map(ids.flatMap((id) => (sp.oldRaw.get(id) ?? []).map((raw) => [raw, id] as const)));
    const old = new Map<string, Record<string, unknown>[]>();
    for (const row of reader.oldSummaries([...rawToKey.keys()])) {
      push(old, rawToKey.get(row.content_id as string | null)!, row);
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

export function* mergeBatches(
  pass: MergePass,
  decisions: ReadonlyMap<string, RecordDecisions>,
  fromBatch = 0,
): Generator<MergeBatch> {
  const readers = { nas: batchReaders(pass.nas.src), dashboard: batchReaders(pass.dashboard.src) };
  const recordBatches = pass.batchCount - 1;
  const collect = collectGarbageEvery(GC_EVERY_BATCHES);
  for (let index = fromBatch; index < recordBatches; index++) {
    collect(index);
    yield { index, records: batchInputs(pass, readers, decisions, index).map(mergeRecord) };
  }
  if (fromBatch <= recordBatches) yield { index: recordBatches, records: [], extras: extrasBatch(pass) };
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
