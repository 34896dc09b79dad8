import "server-only";
import { checkFreeze, type FreezeResult } from "@/lib/backup/freeze";
import { askTsWorker } from "@/lib/merge/worker/ts-worker";

type FreezeInput = Pick<Parameters<typeof checkFreeze>[0], "sources" | "manifest" | "provenBytes">;

/**
 * The freeze check (both sources fingerprinted and compared with the backup) in a worker thread
 * when `threads` > 0: verify starts it with its own reading of the target, so the fingerprint
 * hashing runs beside the comparison instead of after it or between its batches.
 */
export async function checkFreezeInThread(options: FreezeInput, threads: number): Promise<FreezeResult> {
  if (threads === 0) return checkFreeze(options);
  return askTsWorker<FreezeResult>(
    "lib/verify/freeze-worker.ts",
    { sources: options.sources, manifest: options.manifest, provenBytes: options.provenBytes },
    "the freeze check",
  );
}
