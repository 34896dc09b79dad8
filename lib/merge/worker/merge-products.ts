import "server-only";
import { statSync } from "node:fs";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { getEnv } from "@/lib/config/env";
import { batchSliceMerger, countingRecords } from "../merge-batches";
import { openMergePass, type MergeBatch } from "../merge-pass";
import type { RecordDecisions } from "../merge-record";
import type { FromWorker, PassInfo, ToWorker, WorkerInput } from "./protocol";
import { deserializeError } from "./transfer";
import { startTsWorker } from "./ts-worker";

/**
 * A merge pass whose batches come out as products (plan rows, a COPY payload, …), in batch
 * order. A product function is given a batch as its slices (merge-batches.ts MERGE_SLICE) and
 * should keep only what it makes of each, so the rows it was made from die young. With
 * `threads` > 0 the merging and the product function run in worker threads, each
 * taking every `threads`-th batch, so the main thread is free to store or load while the next
 * batches are merged — on two cores that is most of a pass. With 0 everything runs here.
 *
 * A product function runs in a worker by import, so it is named by its module (a path from the
 * project root) as well as given: `product.fn` must be that module's `product.exportName`.
 */
export type ProductFunction<T> = {
  fn: (slices: Iterable<MergeBatch>) => T;
  file: string;
  exportName: string;
};

export type MergeProductsOptions<T> = {
  sources: { nas: string; dashboard: string };
  batchSize: number;
  decisions: ReadonlyMap<string, RecordDecisions>;
  product: ProductFunction<T>;
  threads: number;
};

export type MergeProducts<T> = {
  info: PassInfo;
  /** The products of batches fromBatch … batchCount − 1; call once. */
  products(fromBatch: number): AsyncGenerator<{ index: number; records: number; product: T }>;
  close(): Promise<void>;
};

/** Below this size (both files) a worker's start-up costs more than it saves. */
const THREADS_FROM_BYTES = 64 * 2 ** 20;

/**
 * Worker threads for a pass over these sources: CUTOVER_MERGE_THREADS when set, else none for
 * small files and one for large ones. One, not one per core: PostgreSQL (copy, verify) or the
 * plan writer needs the other core, and each thread's heap costs ~100 MB of peak RSS — a
 * second one made a 100k-record plan 10% faster for 130 MB more (README, Performance).
 */
export function mergeThreads(sources: { nas: string; dashboard: string }): number {
  const configured = getEnv().mergeThreads;
  if (configured !== undefined) return configured;
  const size = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0; // unreadable: the pass itself reports it, in its own words
    }
  };
  return size(sources.nas) + size(sources.dashboard) < THREADS_FROM_BYTES ? 0 : 1;
}

export async function openMergeProducts<T>(options: MergeProductsOptions<T>): Promise<MergeProducts<T>> {
  return options.threads > 0 ? openThreaded(options) : openInProcess(options);
}

function openInProcess<T>(options: MergeProductsOptions<T>): MergeProducts<T> {
  const pass = openMergePass(options.sources, options.batchSize);
  const info = { batchCount: pass.batchCount, total: pass.order.length, highWaterMark: pass.highWaterMark };
  return {
    info,
    async *products(fromBatch) {
      const merge = batchSliceMerger(pass, options.decisions);
      for (let index = fromBatch; index < pass.batchCount; index++) {
        const slices = countingRecords(merge(index));
        const product = options.product.fn(slices);
        yield { index, records: slices.records, product };
        // a turn for the event loop: database work already sent proceeds, a panel stays responsive
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    close: async () => pass.close(),
  };
}

/** One worker's messages as a queue the main thread pulls from. */
class WorkerChannel {
  private readonly queue: FromWorker[] = [];
  private waiting: ((message: FromWorker) => void) | null = null;

  constructor(readonly worker: Worker) {
    worker.on("message", (message: FromWorker) => this.push(message));
    worker.on("error", (error) => this.fail(error));
    // After the last product nobody reads the channel again; before it, any exit is a failure.
    worker.on("exit", (code) =>
      this.fail(new Error(`a merge worker stopped (exit code ${code}) before its last batch`)),
    );
  }

  private push(message: FromWorker) {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(message);
    } else this.queue.push(message);
  }

  private fail(error: Error) {
    this.push({ type: "error", error: { name: error.name, message: error.message, stack: error.stack } });
  }

  async next(): Promise<FromWorker> {
    const message = this.queue.shift() ?? (await new Promise<FromWorker>((resolve) => (this.waiting = resolve)));
    if (message.type === "error") throw deserializeError(message.error);
    return message;
  }

  send(message: ToWorker) {
    this.worker.postMessage(message);
  }
}

async function openThreaded<T>(options: MergeProductsOptions<T>): Promise<MergeProducts<T>> {
  const root = getEnv().projectRoot;
  const channels: WorkerChannel[] = [];
  const close = async () => {
    await Promise.all(channels.map((c) => c.worker.terminate()));
  };
  try {
    for (let offset = 0; offset < options.threads; offset++) {
      const workerData: WorkerInput = {
        sources: options.sources,
        batchSize: options.batchSize,
        decisions: options.decisions,
        product: { file: path.join(root, options.product.file), exportName: options.product.exportName },
        stride: options.threads,
        offset,
      };
      channels.push(new WorkerChannel(startTsWorker("lib/merge/worker/merge-worker.ts", workerData)));
    }
    // Every worker opened the same pass over the same files; the first one's figures serve.
    const opened = await Promise.all(channels.map((c) => c.next()));
    const first = opened[0]!;
    if (first.type !== "opened") throw new Error(`a merge worker said ${first.type} before opening`);
    return {
      info: first.info,
      async *products(fromBatch) {
        for (const channel of channels) channel.send({ type: "start", fromBatch });
        for (let index = fromBatch; index < first.info.batchCount; index++) {
          const channel = channels[(index - fromBatch) % channels.length]!;
          const message = await channel.next();
          if (message.type !== "product" || message.index !== index)
            throw new Error(`a merge worker sent ${message.type} where batch ${index} was due`);
          channel.send({ type: "ack" });
          yield { index, records: message.records, product: message.product as T };
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
