// Where a merge worker thread starts. The panel's server is plain Node (its own code is
// bundled), so the worker registers tsx itself and loads the TypeScript entry from the source.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: workerData.tsconfig });
await import(workerData.entry);
