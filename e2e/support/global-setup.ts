import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, refuseRemoteDatabase, startPanel } from "./panel-process";

/** One panel for the whole e2e run, on a throwaway data dir; its details go to e2e/.state. */
export default async function globalSetup() {
  refuseRemoteDatabase(process.env.DATABASE_URL);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cutover-e2e-"));
  chmodSync(dataDir, 0o711);
  const port = await freePort();
  const panel = await startPanel(dataDir, port);
  mkdirSync("e2e/.state", { recursive: true });
  writeFileSync(
    "e2e/.state/panel.json",
    JSON.stringify({ pid: panel.child.pid, dataDir, baseUrl: panel.baseUrl, loginUrl: panel.loginUrl }),
  );
}
