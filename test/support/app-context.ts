import { parseEnv } from "../../lib/config/env";
import { createAppContext, type AppContext } from "../../lib/app-context";
import { closeControlDb } from "../../lib/control/control-db";
import { makeTempDir } from "./temp-dir";

/** An app context on a fresh data dir (its own control DB); extra env vars as given. */
export function makeTestContext(extraEnv: Record<string, string> = {}): AppContext & { cleanup(): Promise<void> } {
  const temp = makeTempDir("cutover-ctx-");
  const ctx = createAppContext(parseEnv({ CUTOVER_DATA_DIR: temp.dir, ...extraEnv }, process.cwd()));
  return {
    ...ctx,
    async cleanup() {
      await closeControlDb(ctx.paths.controlDb);
      temp.cleanup();
    },
  };
}
