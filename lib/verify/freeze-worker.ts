import "server-only";
import { workerData } from "node:worker_threads";
import { checkFreeze } from "@/lib/backup/freeze";
import { answerParent } from "@/lib/merge/worker/transfer";

/** Worker entry for checkFreezeInThread. */
const input = workerData as Parameters<typeof checkFreeze>[0];
await answerParent(() =>
  checkFreeze({ sources: input.sources, manifest: input.manifest, provenBytes: input.provenBytes }),
);
