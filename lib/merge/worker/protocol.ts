import type { RecordDecisions } from "../merge-record";

/**
 * Messages between the main thread and a merge worker (lib/merge/worker/merge-worker.ts).
 * The worker opens the merge pass, says what it found, waits for `start`, then sends the
 * product of each of its batches (every `stride`-th from `fromBatch + offset`), never more than
 * PRODUCTS_AHEAD ahead of the acknowledgements: the main thread's memory stays bounded.
 */
export type PassInfo = { batchCount: number; total: number; highWaterMark: number | null };

export type WorkerInput = {
  sources: { nas: string; dashboard: string };
  batchSize: number;
  decisions: ReadonlyMap<string, RecordDecisions>;
  product: { file: string; exportName: string };
  stride: number;
  offset: number;
};

export type ToWorker = { type: "start"; fromBatch: number } | { type: "ack" };

export type SerializedError = { name: string; message: string; code?: string; stack?: string };

export type FromWorker =
  | { type: "opened"; info: PassInfo }
  | { type: "product"; index: number; records: number; product: unknown }
  | { type: "done" }
  | { type: "error"; error: SerializedError };

export const PRODUCTS_AHEAD = 2;
