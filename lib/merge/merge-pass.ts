import "server-only";
import { highWaterMark } from "./classify";
import { resolveOldSummaryKey, resolveSideKeys, type SideKeys } from "./keys";
import type { MergedRecord } from "./merge-record";
import type { ExtrasBatch } from "./merge-extras";
import { oldSummaryContentIds, openSource, scanKeys, variantVideoIds, type SourceDb } from "./source-db";
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
  /**
   * key → summary_variants.video_id / content_summaries.content_id values that are not the
   * plain forms (`<key>`, `yt:<key>`); the plain forms are derived per batch, not stored
   */
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
    if (!key.ok || !all.has(key.videoId)) pass.orphanVariantRaw.push(raw);
    else if (raw !== key.videoId) push(pass.variantRaw, key.videoId, raw);
  }
  for (const raw of oldSummaryContentIds(side.src)) {
    const videoId = resolveOldSummaryKey(side.keys, raw, all);
    if (videoId === undefined) pass.orphanOldRaw.push(raw);
    else if (raw !== `yt:${videoId}`) push(pass.oldRaw, videoId, raw);
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

export { batchIds, mergeBatchesAsync } from "./merge-batches";
