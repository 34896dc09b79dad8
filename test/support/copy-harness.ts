import path from "node:path";
import pg from "pg";
import { describeDemoPair, generateDemoPair, type DemoPairExpected } from "@/lib/demo/generate-demo-pair";
import { runCopy } from "@/lib/copy/run-copy";
import { buildPlan } from "@/lib/merge/planner";
import { withTargetClient } from "@/lib/target/connect";
import { closeTargetDb } from "@/lib/target/target-db";
import { applySchema } from "@/lib/target/schema/apply";
import { verifyTarget } from "@/lib/verify/verify-target";
import { makeTestContext } from "@/test/support/app-context";
import { createTestDatabase } from "@/test/support/postgres";
import { makeTempDir } from "@/test/support/temp-dir";

/**
 * Integration-test support for the copy engine: the demo pair as real files in a temp dir
 * (NAS_DB/DASHBOARD_DB, so a test may modify one), a fresh database with the target schema,
 * and a context whose control DB is its own.
 */
export type Harness = Awaited<ReturnType<typeof demoHarness>>;

export async function demoHarness(
  options: {
    databaseUrl?: string;
    /** writes another pair instead of the demo pair (then `expected` describes the demo pair, not this one) */
    writePair?: (paths: { nasPath: string; dashboardPath: string }) => unknown;
  } = {},
) {
  const temp = makeTempDir("cutover-copy-");
  const sources = { nas: path.join(temp.dir, "nas.db"), dashboard: path.join(temp.dir, "dashboard.db") };
  const paths = { nasPath: sources.nas, dashboardPath: sources.dashboard };
  const { expected } = options.writePair
    ? (options.writePair(paths), { expected: describeDemoPair() })
    : generateDemoPair(paths);
  const db = options.databaseUrl ? null : await createTestDatabase("copy");
  const databaseUrl = options.databaseUrl ?? db!.url;
  await withTargetClient(databaseUrl, (client) => applySchema(client));
  const ctx = makeTestContext({ NAS_DB: sources.nas, DASHBOARD_DB: sources.dashboard, DATABASE_URL: databaseUrl });
  return {
    ctx,
    sources,
    databaseUrl,
    expected: expected as DemoPairExpected,
    dir: temp.dir,
    query: <T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      withTargetClient(databaseUrl, async (client) => (await client.query<T>(sql, params)).rows),
    async plan(batchSize?: number, threads?: number) {
      const built = await buildPlan({ db: ctx.db, controlDbFile: ctx.paths.controlDb, sources, batchSize, threads });
      return { ...built, stored: await ctx.db.mergePlan.findUniqueOrThrow({ where: { id: built.planId } }) };
    },
    async copy(options: Pick<Parameters<typeof runCopy>[0], "signal" | "onProgress" | "threads"> = {}) {
      const plan = await ctx.db.mergePlan.findFirstOrThrow({ where: { status: "ready" }, orderBy: { id: "desc" } });
      return runCopy({ db: ctx.db, controlDbFile: ctx.paths.controlDb, databaseUrl, sources, plan, ...options });
    },
    async verify() {
      const plan = await ctx.db.mergePlan.findFirst({ where: { status: "ready" }, orderBy: { id: "desc" } });
      return verifyTarget(ctx, { databaseUrl, sources, plan });
    },
    async cleanup() {
      await closeTargetDb(databaseUrl);
      await ctx.cleanup();
      await db?.drop();
      temp.cleanup();
    },
  };
}
