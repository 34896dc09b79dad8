import { runCli as runCliWith } from "../../test/support/cli";

/** Runs the real CLI (`npx cutover …`'s script) against the e2e panel's data dir. */
export function runCli(dataDir: string, args: string[], extraEnv: Record<string, string> = {}) {
  return runCliWith({ cwd: process.cwd(), env: { CUTOVER_DATA_DIR: dataDir, ...extraEnv } }, ...args);
}
