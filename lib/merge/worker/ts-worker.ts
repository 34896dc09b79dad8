import path from "node:path";
import type { Worker } from "node:worker_threads";
import { getEnv } from "@/lib/config/env";

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
