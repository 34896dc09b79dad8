import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import { batchSliceMerger, countingRecords } from "../merge-batches";
import { openMergePass, type MergeBatch } from "../merge-pass";
import { PRODUCTS_AHEAD, type FromWorker, type ToWorker, type WorkerInput } from "./protocol";
import { serializeError, transferables } from "./transfer";

/**
 * A merge worker thread: merges its share of the batches and turns each into its product
 * (plan rows, COPY payload, …) off the main thread, which only stores or loads them.
 */
const input = workerData as WorkerInput;
const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message, transferables(message));

let acked = 0;
let wakeOnAck: (() => void) | null = null;
let start: ((fromBatch: number) => void) | null = null;
const started = new Promise<number>((resolve) => (start = resolve));
port.on("message", (message: ToWorker) => {
  if (message.type === "start") start!(message.fromBatch);
  else {
    acked++;
    wakeOnAck?.();
  }
});

async function run() {
  const { [input.product.exportName]: produce } = (await import(input.product.file)) as Record<
    string,
    (slices: Iterable<MergeBatch>) => unknown
  >;
  const pass = openMergePass(input.sources, input.batchSize);
  try {
    send({
      type: "opened",
      info: { batchCount: pass.batchCount, total: pass.order.length, highWaterMark: pass.highWaterMark },
    });
    const fromBatch = await started;
    const merge = batchSliceMerger(pass, input.decisions);
    let sent = 0;
    for (let index = fromBatch + input.offset; index < pass.batchCount; index += input.stride) {
      const slices = countingRecords(merge(index));
      const product = produce!(slices);
      send({ type: "product", index, records: slices.records, product });
      sent++;
      while (sent - acked >= PRODUCTS_AHEAD) await new Promise<void>((resolve) => (wakeOnAck = resolve));
    }
    send({ type: "done" });
  } finally {
    pass.close();
  }
}

run().then(
  () => port.close(),
  (error: unknown) => {
    send({ type: "error", error: serializeError(error) });
    port.close();
  },
);
