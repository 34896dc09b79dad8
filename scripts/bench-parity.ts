/**
 * Parity benchmark: `npm run bench:parity -- --records N`. The synthetic pair of `npm run bench`
 * (bench-data/N, generated here when missing) planned and copied into a fresh database, then
 * three parity runs: the first (every video merged and compared), a second with nothing
 * changed (every video's signature and target hash unchanged: nothing merged), and a third
 * after 1% of the NAS's rows changed (those videos merged again, and named as drift).
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createAppContext } from "../lib/app-context";
import { parseEnv } from "../lib/config/env";
import { closeControlDb } from "../lib/control/control-db";
import { runCopy } from "../lib/copy/run-copy";
import { buildPlan } from "../lib/merge/planner";
import { runParity } from "../lib/parity/run-parity";
import { toLiveSource } from "../lib/sources/live-source";
import { startEmbeddedServer } from "../lib/target/embedded-server";
import { withTargetClient } from "../lib/target/connect";
import { applySchema } from "../lib/target/schema/apply";
import { writeSyntheticPair } from "../test/support/synthetic-pair";

const args = process.argv.slice(2);
const records = Number(args[args.indexOf("--records") + 1]) || 10_000;
const dir = path.resolve("bench-data", String(records));
const pair = { nas: path.join(dir, "nas.db"), dashboard: path.join(dir, "dashboard.db") };
if (!existsSync(pair.nas)) {
  mkdirSync(dir, { recursive: true });
  writeSyntheticPair({ nasPath: pair.nas, dashboardPath: pair.dashboard, records });
}
const work = path.join(dir, "parity-run");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
// A copy of the pair: the third run edits the NAS file, and the pair stays as the other benchmarks expect it.
const sources = { nas: path.join(work, "nas.db"), dashboard: path.join(work, "dashboard.db") };
copyFileSync(pair.nas, sources.nas);
copyFileSync(pair.dashboard, sources.dashboard);
const server = process.env.DATABASE_URL ? null : await startEmbeddedServer(path.join(work, "pg"));
const adminUrl = process.env.DATABASE_URL ?? server!.url("postgres");
const url = new URL(adminUrl);
const dbName = `bench_parity_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();
const ctx = createAppContext(parseEnv({ CUTOVER_DATA_DIR: path.join(work, "data") }, process.cwd()));
const seconds = async <T>(fn: () => Promise<T>) => {
  const t = performance.now();
  const result = await fn();
  return { result, s: ((performance.now() - t) / 1000).toFixed(1) };
};
try {
  await withTargetClient(databaseUrl, (client) => applySchema(client));
  const plan = await buildPlan({ db: ctx.db, controlDbFile: ctx.paths.controlDb, sources });
  const stored = await ctx.db.mergePlan.findUniqueOrThrow({ where: { id: plan.planId } });
  const copy = await seconds(() =>
    runCopy({ db: ctx.db, controlDbFile: ctx.paths.controlDb, databaseUrl, sources, plan: stored }),
  );
  console.log(`N=${records}: ${plan.records} videos; copy ${copy.s} s`);
  const parity = () =>
    seconds(() =>
      runParity({
        db: ctx.db,
        controlDbFile: ctx.paths.controlDb,
        databaseUrl,
        live: { nas: toLiveSource("nas", sources.nas), dashboard: toLiveSource("dashboard", sources.dashboard) },
        dualWriteSince: null,
      }),
    );
  const report = (name: string, run: Awaited<ReturnType<typeof parity>>) =>
    console.log(
      `${name}: ${run.s} s, ${run.result.checked} checked, ${run.result.merged} merged, ${run.result.reused} reused, ${run.result.differences.length} differences`,
    );
  report("parity, first run", await parity());
  report("parity, nothing changed", await parity());
  const nas = new Database(sources.nas);
  const changed = nas
    .prepare(
      "UPDATE content SET title = title || ' (edited)', updated_at = '2030-01-01 00:00:00' WHERE rowid % 100 = 0",
    )
    .run().changes;
  nas.close();
  report(`parity, ${changed} NAS rows changed`, await parity());
} finally {
  await closeControlDb(ctx.paths.controlDb);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`).catch(() => undefined);
  await admin.end();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
}
