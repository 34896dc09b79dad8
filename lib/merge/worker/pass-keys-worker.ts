import "server-only";
import { workerData } from "node:worker_threads";
import { passKeys } from "./pass-keys";
import { answerParent } from "./transfer";

/** Worker entry for readPassKeys. */
const { sources, batchSize } = workerData as { sources: { nas: string; dashboard: string }; batchSize: number };
await answerParent(() => passKeys(sources, batchSize));
