import { rmSync } from "node:fs";
import { isProcessAlive } from "../../lib/common/process";
import { readPanelState } from "./state";

/** Stops the run's panel with Ctrl-C's signal and waits until it (and its PostgreSQL) are gone. */
export default async function globalTeardown() {
  const state = readPanelState();
  if (isProcessAlive(state.pid)) {
    process.kill(state.pid, "SIGINT");
    const deadline = Date.now() + 30_000;
    while (isProcessAlive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(state.dataDir, { recursive: true, force: true });
}
