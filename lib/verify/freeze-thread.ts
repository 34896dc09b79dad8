import "server-only";
import { checkFreeze, type FreezeResult } from "@/lib/backup/freeze";
import { deserializeError } from "@/lib/merge/worker/transfer";
import type { SerializedError } from "@/lib/merge/worker/protocol";
import { startTsWorker } from "@/lib/merge/worker/ts-worker";

export type FreezeThreadMessage = { result: FreezeResult } | { error: SerializedError };
type FreezeInput = Pick<Parameters<typeof checkFreeze>[0], "sources" | "manifest">;

/**
 * The freeze check (both sources fingerprinted and compared with the backup) in a worker thread
 * when `threads` > 0: verify starts it with its own reading of the target, so the fingerprint
 * hashing runs beside the comparison instead of after it or between its batches.
 */
export async function checkFreezeInThread(options: FreezeInput, threads: number): Promise<FreezeResult> {
  if (threads === 0) return checkFreeze(options);
  const worker = startTsWorker("lib/verify/freeze-worker.ts", { sources: options.sources, manifest: options.manifest });
  try {
    const message = await new Promise<FreezeThreadMessage>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) =>
        reject(new Error(`the freeze check's worker stopped (exit code ${code}) before it answered`)),
      );
    });
    if ("error" in message) throw deserializeError(message.error);
    return message.result;
  } finally {
    await worker.terminate();
  }
}
