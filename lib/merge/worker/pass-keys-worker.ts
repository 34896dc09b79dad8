import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import { passKeys, type PassKeysMessage } from "./pass-keys";
import { serializeError } from "./transfer";

/** Worker entry for readPassKeys. */
const { sources, batchSize } = workerData as { sources: { nas: string; dashboard: string }; batchSize: number };
let message: PassKeysMessage;
try {
  message = { keys: passKeys(sources, batchSize) };
} catch (error) {
  message = { error: serializeError(error) };
}
parentPort!.postMessage(message);
