import path from "node:path";
import type { Worker } from "node:worker_threads";
import { getEnv } from "@/lib/config/env";
import type { SerializedError } from "./protocol";
import { deserializeError } from "./transfer";

/**
 * A worker thread running one of the project's TypeScript modules (`entry`, a path from the
 * project root) with `data` as its workerData. It boots through boot.mjs, which registers tsx:
 * the panel's server is plain Node with its own code bundled, so the worker loads the source.
 */
export function startTsWorker(entry: string, data: Record<string, unknown>): Worker {
  const root = getEnv().projectRoot;
  // Taken at run time: Turbopack bundles what a `new Worker` of worker_threads names, and this
  // worker must run from the source (its ignore comment is not honoured for workers).
  const threads = process.getBuiltinModule("node:worker_threads");
  return new threads.Worker(path.join(root, "lib/merge/worker/boot.mjs"), {
    workerData: { ...data, entry: path.join(root, entry), tsconfig: path.join(root, "tsconfig.json") },
    execArgv: ["--conditions=react-server"],
  });
}

/** A worker's one answer (see answerParent): its result, or the error it threw, as data. */
export type OneAnswer<T> = { result: T } | { error: SerializedError };

/**
 * Runs `entry` in a worker thread for its one answer, rethrows its error here (owner-facing
 * errors stay owner-facing), and ends the thread either way. `what` names it if it dies silent.
 */
export async function askTsWorker<T>(entry: string, data: Record<string, unknown>, what: string): Promise<T> {
  const worker = startTsWorker(entry, data);
  try {
    const message = await new Promise<OneAnswer<T>>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) =>
        reject(new Error(`${what}'s worker stopped (exit code ${code}) before it answered`)),
      );
    });
    if ("error" in message) throw deserializeError(message.error);
    return message.result;
  } finally {
    await worker.terminate();
  }
}
