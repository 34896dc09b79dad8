/**
 * A copy in a child process, for the crash test: `node --import tsx copy-child.ts` with
 * CUTOVER_DATA_DIR, NAS_DB, DASHBOARD_DB and DATABASE_URL set. Prints "progress <done>" per
 * batch so the parent can kill it mid-run.
 */
import { createAppContext } from "@/lib/app-context";
import { getEnv } from "@/lib/config/env";
import { runCopy } from "@/lib/copy/run-copy";

const env = getEnv();
const ctx = createAppContext(env);
const plan = await ctx.db.mergePlan.findFirstOrThrow({ where: { status: "ready" }, orderBy: { id: "desc" } });
await runCopy({
  db: ctx.db,
  controlDbFile: ctx.paths.controlDb,
  databaseUrl: env.databaseUrl!,
  sources: env.sources!,
  plan,
  onProgress: (p) => process.stdout.write(`progress ${p.done}\n`),
});
process.stdout.write("finished\n");
process.exit(0);
