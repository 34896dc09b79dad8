import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import { checkFreeze } from "@/lib/backup/freeze";
import { serializeError } from "@/lib/merge/worker/transfer";
import type { FreezeThreadMessage } from "./freeze-thread";

/** Worker entry for checkFreezeInThread. */
const input = workerData as Parameters<typeof checkFreeze>[0];
let message: FreezeThreadMessage;
try {
  message = { result: await checkFreeze({ sources: input.sources, manifest: input.manifest }) };
} catch (error) {
  message = { error: serializeError(error) };
}
parentPort!.postMessage(message);
