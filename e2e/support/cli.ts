import { spawnSync } from "node:child_process";
import path from "node:path";

/** Runs the real CLI (`npx cutover …`'s script) against the e2e panel's data dir. */
export function runCli(dataDir: string, args: string[], extraEnv: Record<string, string> = {}) {
  const root = process.cwd();
  const result = spawnSync(process.execPath, [path.join(root, "cli", "cutover.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, CUTOVER_DATA_DIR: dataDir, ...extraEnv },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
