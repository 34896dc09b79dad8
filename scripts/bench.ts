/**
 * Copy-engine benchmark: `npm run bench -- --records N`. Builds (once, in a child process, so
 * this process's peak RSS is the engine's) a synthetic pair of N content rows per source, then:
 * - the owner's path (bench-owner.ts): the CLI's own backup, approvals, schema, plan, copy and
 *   verify, spawned as a user runs them, against DATABASE_URL or else an embedded PostgreSQL with
 *   PostgreSQL's default settings (a stand-in for a default-configured Render instance), and
 *   pgloader loading the same two files into the same server when it is on PATH;
 * - in this process, against the tuned embedded server (or DATABASE_URL): the floor (every row of
 *   one source read with better-sqlite3 and COPYed unchanged into unindexed text tables, in child
 *   processes, once to warm the server and then the faster of two runs), then plan, copy and
 *   verify, with rows/s per phase, the ratio to the floor and peak RSS;
 * - the side-by-side ratios of issue 17: ours over pgloader, standalone verify over the verify
 *   inside copy, the CLI's plan over this process's.
 * `--only owner|tuned` runs one half. With `--bounds` it then measures, in another child process
 * and database, the least each step's data work costs (bench-bounds.ts). With `--compare-load`
 * the tuned half also copies the same plan by upsert into a second empty database, to set the
 * initial load (lib/copy/initial-load.ts) against the path it replaced.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createAppContext } from "../lib/app-context";
import { parseEnv } from "../lib/config/env";
import { closeControlDb } from "../lib/control/control-db";
import { runCopy } from "../lib/copy/run-copy";
import { writeSyntheticPair } from "../test/support/synthetic-pair";
import { buildPlan } from "../lib/merge/planner";
import { SOURCE_TABLES } from "../lib/merge/quarantine";
import { countRows, openSource } from "../lib/merge/source-db";
import { startEmbeddedServer } from "../lib/target/embedded-server";
import { withTargetClient } from "../lib/target/connect";
import { applySchema } from "../lib/target/schema/apply";
import { verifyTarget } from "../lib/verify/verify-target";
import { measureBounds, type Bounds } from "./bench-bounds";
import { measureOwnerPath, type OwnerRun } from "./bench-owner";
import { copyFloor } from "./bench-floor";
import { describeUsage, readUsage } from "./bench-usage";

const args = process.argv.slice(2);
const FLOOR_RUNS = 3; // one to warm a fresh server, then the faster of two
const records = Number(args[args.indexOf("--records") + 1]) || 25_000;
const dir = path.resolve("bench-data", String(records));
const sources = { nas: path.join(dir, "nas.db"), dashboard: path.join(dir, "dashboard.db") };

if (args.includes("--generate-only")) {
  mkdirSync(dir, { recursive: true });
  writeSyntheticPair({ nasPath: sources.nas, dashboardPath: sources.dashboard, records });
  process.exit(0);
}

if (args.includes("--floor-only")) {
  const t = performance.now();
  const floorRows = await copyFloor(sources.nas, args[args.indexOf("--floor-only") + 1]!);
  const cpu = process.cpuUsage();
  process.stdout.write(
    JSON.stringify({ rows: floorRows, seconds: (performance.now() - t) / 1000, cpu: (cpu.user + cpu.system) / 1e6 }),
  );
  process.exit(0);
}

if (args.includes("--bounds-only")) {
  const [databaseUrl, postmasterPid] = args.slice(args.indexOf("--bounds-only") + 1);
  const measured = await measureBounds({
    sources,
    databaseUrl: databaseUrl!,
    workDir: path.join(dir, "run"),
    postmasterPid: postmasterPid === "-" ? null : postmasterPid!,
  });
  process.stdout.write(JSON.stringify(measured));
  process.exit(0);
}

if (!existsSync(sources.nas) || !existsSync(sources.dashboard)) {
  const t = performance.now();
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, "--records", String(records), "--generate-only"],
    { stdio: "inherit" },
  );
  if (child.status !== 0) process.exit(child.status ?? 1);
  spawnSync("sync"); // the new files' writeback would otherwise fall into the floor's time
  console.log(`generated the pair in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const mb = (file: string) => (statSync(file).size / 2 ** 20).toFixed(0);
const sourceRows = (file: string, side: "nas" | "dashboard") => {
  const src = openSource(side, file);
  try {
    return SOURCE_TABLES.reduce((sum, t) => sum + countRows(src, t), 0);
  } finally {
    src.close();
  }
};
const rows = { nas: sourceRows(sources.nas, "nas"), dashboard: sourceRows(sources.dashboard, "dashboard") };
console.log(
  `N=${records}: nas ${mb(sources.nas)} MB (${rows.nas} rows), dashboard ${mb(sources.dashboard)} MB (${rows.dashboard} rows)`,
);

const work = path.join(dir, "run");
rmSync(work, { recursive: true, force: true });
// `--only owner` or `--only tuned` runs one half (while developing); the ratios need both.
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const owner = only === "tuned" ? null : await runOwnerPath();
const tuned = only === "owner" ? null : await runTuned();
if (owner) printSideBySide(owner, tuned);

/**
 * The owner's path: the CLI against DATABASE_URL, else against an embedded server started with
 * PostgreSQL's default settings (a stand-in for a default-configured Render instance), and
 * pgloader loading the same files into the same server.
 */
async function runOwnerPath(): Promise<OwnerRun> {
  const server = process.env.DATABASE_URL
    ? null
    : await startEmbeddedServer(path.join(work, "pg-default"), { defaultSettings: true });
  console.log(
    `owner's path: the CLI's commands against ${server ? "an embedded PostgreSQL with default settings" : "DATABASE_URL"}`,
  );
  try {
    return await measureOwnerPath({
      sources,
      adminUrl: process.env.DATABASE_URL ?? server!.url("postgres"),
      work: path.join(work, "owner"),
      postmasterPid: server ? path.join(work, "pg-default", "cluster", "postmaster.pid") : null,
      log: (line) => console.log(line),
    });
  } finally {
    await server?.stop();
  }
}

function printSideBySide(run: OwnerRun, bench: Record<string, number> | null) {
  // Issue 17's path: plan, then copy, which ends with its verify (its 2.6× was (48.8 + 125.3) / 67.4).
  const ours = run.plan.seconds + run.copy.seconds;
  const withVerifyAgain = ours + run.verify.seconds;
  console.log("side by side (owner's path):");
  console.log(
    `  CLI plan+copy (which verifies) ${ours.toFixed(1)} s; with a standalone verify after it ${withVerifyAgain.toFixed(1)} s`,
  );
  if (run.pgloader) {
    const theirs = run.pgloader.nas + run.pgloader.dashboard;
    console.log(
      `  pgloader, both files ${theirs.toFixed(1)} s (${run.pgloader.nas.toFixed(1)} + ${run.pgloader.dashboard.toFixed(1)})`,
    );
    console.log(`  ratio (plan+copy, which verifies)/pgloader = ${(ours / theirs).toFixed(2)} (target ≤ 1.5)`);
    console.log(
      `  ratio (plan+copy+standalone verify)/pgloader = ${(withVerifyAgain / theirs).toFixed(2)} (verifying twice)`,
    );
  }
  console.log(
    `  ratio standalone verify/verify inside copy = ${(run.verify.seconds / run.verifyInsideCopy).toFixed(2)} (${run.verify.seconds.toFixed(1)} s / ${run.verifyInsideCopy.toFixed(1)} s; target ≤ 1.2)`,
  );
  if (bench?.plan) {
    console.log(
      `  ratio CLI plan/bench plan = ${(run.plan.seconds / bench.plan).toFixed(2)} (${run.plan.seconds.toFixed(1)} s / ${bench.plan.toFixed(1)} s; target ≤ 1.1); in CPU ${(run.plan.cpuSeconds / bench.planCpu!).toFixed(2)} (${run.plan.cpuSeconds.toFixed(1)} s / ${bench.planCpu!.toFixed(1)} s)`,
    );
  }
  const peak = Math.max(run.plan.peakRssMb, run.copy.peakRssMb, run.verify.peakRssMb);
  console.log(
    `  CLI peak RSS ${peak} MB (plan ${run.plan.peakRssMb}, copy ${run.copy.peakRssMb}, verify ${run.verify.peakRssMb})`,
  );
  console.log(`  copy's last line: ${run.copySummary}`);
}

/** The engine in this process against the tuned embedded server (or DATABASE_URL): the floor, then plan, copy and verify. */
async function runTuned(): Promise<Record<string, number>> {
  console.log(`in-process: ${process.env.DATABASE_URL ? "DATABASE_URL" : "the embedded PostgreSQL as lib/ tunes it"}`);
  const server = process.env.DATABASE_URL ? null : await startEmbeddedServer(path.join(work, "pg"));
  const adminUrl = process.env.DATABASE_URL ?? server!.url("postgres");
  const url = new URL(adminUrl);
  const dbName = `bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const ctx = createAppContext(parseEnv({ CUTOVER_DATA_DIR: path.join(work, "data") }, process.cwd()));
  const timings: Record<string, number> = {};
  const peakAfter: Record<string, number> = {};
  const usage: Record<string, string> = {};
  const postmasterPid = server ? path.join(work, "pg", "cluster", "postmaster.pid") : null;
  const monitor = new pg.Client({ connectionString: databaseUrl });
  await monitor.connect();
  const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString("en-US")} rows/s`;
  const both = rows.nas + rows.dashboard;
  const time = async <T>(name: string, fn: () => Promise<T>) => {
    const before = await readUsage(monitor, postmasterPid);
    const t = performance.now();
    const result = await fn();
    timings[name] = (performance.now() - t) / 1000;
    timings[`${name}Cpu`] = (await readUsage(monitor, postmasterPid)).nodeCpu - before.nodeCpu;
    peakAfter[name] = process.resourceUsage().maxRSS / 1024;
    usage[name] = describeUsage(before, await readUsage(monitor, postmasterPid));
    console.log(
      `  ${name.padEnd(7)} ${timings[name]!.toFixed(1).padStart(7)} s  ${rate(both, timings[name]!)} (source rows of both files)`,
    );
    console.log(`            ${usage[name]}`);
    return result;
  };
  try {
    // The floor first, in child processes (so the peak RSS printed below is the engine's alone),
    // each followed by a checkpoint so the next run does not inherit its dirty buffers. The first
    // COPY on a fresh server also creates the WAL files every later load recycles (a quarter
    // slower at 100k), so it only warms the server: the engine and the bounds run warm, and the
    // floor they are compared with is the faster of two warm runs.
    const floorRuns: { seconds: number; rows: number; usage: string }[] = [];
    for (let run = 0; run < FLOOR_RUNS; run++) {
      const before = await readUsage(monitor, postmasterPid);
      const measured = runChild<{ rows: number; seconds: number; cpu: number }>("floor", ["--floor-only", databaseUrl]);
      const after = await readUsage(monitor, postmasterPid);
      await withTargetClient(databaseUrl, (client) => client.query("CHECKPOINT"));
      floorRuns.push({
        ...measured,
        usage: describeUsage(before, { ...after, nodeCpu: before.nodeCpu + measured.cpu }),
      });
    }
    const [coldFloor, ...warmFloors] = floorRuns;
    const bestFloor = warmFloors.reduce((best, run) => (run.seconds < best.seconds ? run : best));
    const floor = bestFloor.rows;
    timings.floor = bestFloor.seconds;
    usage.floor = bestFloor.usage;
    console.log(
      `  floor   ${timings.floor!.toFixed(1).padStart(7)} s  ${rate(floor, timings.floor!)} (one file, COPY unchanged; the faster of ${warmFloors.length} warm runs: ${warmFloors.map((r) => r.seconds.toFixed(1)).join(", ")} s; the first, cold, ${coldFloor!.seconds.toFixed(1)} s)`,
    );
    console.log(`            ${usage.floor}`);
    await withTargetClient(databaseUrl, (client) => applySchema(client));
    const plan = await time("plan", () => buildPlan({ db: ctx.db, controlDbFile: ctx.paths.controlDb, sources }));
    const stored = await ctx.db.mergePlan.findUniqueOrThrow({ where: { id: plan.planId } });
    const copy = await time("copy", () =>
      runCopy({ db: ctx.db, controlDbFile: ctx.paths.controlDb, databaseUrl, sources, plan: stored }),
    );
    const verify = await time("verify", () => verifyTarget(ctx, { databaseUrl, sources, plan: stored }));
    const engine = timings.plan! + timings.copy! + timings.verify!;
    console.log(
      `  ratio (plan+copy+verify)/floor = ${(engine / timings.floor!).toFixed(2)} (against the cold first run: ${(engine / coldFloor!.seconds).toFixed(2)})`,
    );
    console.log(
      `  copied ${copy.records} records, ${copy.summaries} summaries, ${copy.quarantine} quarantine rows; verify ${verify.ok ? "passed" : "FAILED"}`,
    );
    for (const check of verify.checks.filter((c) => !c.ok)) console.log(`    ✕ ${check.name}: ${check.detail}`);
    if (args.includes("--compare-load"))
      await compareUpsert(admin, `${dbName}_upsert`, databaseUrl, (upsertUrl) =>
        time("upsert", () =>
          runCopy({
            db: ctx.db,
            controlDbFile: ctx.paths.controlDb,
            databaseUrl: upsertUrl,
            sources,
            plan: stored,
            initialLoad: false,
          }),
        ),
      );
    if (args.includes("--bounds"))
      printBounds(engine, timings.floor!, await runBounds(admin, dbName, databaseUrl, postmasterPid));
    const peaks = Object.entries(peakAfter).map(([phase, rss]) => `${phase} ${rss.toFixed(0)}`);
    console.log(
      `  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (high-water after each phase, MB: ${peaks.join(", ")})`,
    );
    return timings;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}_bounds WITH (FORCE)`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}_upsert WITH (FORCE)`).catch(() => undefined);
    await monitor.end().catch(() => undefined);
    await closeControlDb(ctx.paths.controlDb);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await server?.stop();
  }
}

/** One measurement in a child process of this script (its JSON on stdout), so this process's peak RSS stays the engine's. */
function runChild<T>(name: string, childArgs: string[]): T {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, "--records", String(records), ...childArgs],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (child.status !== 0) throw new Error(`the ${name} run failed`);
  return JSON.parse(child.stdout) as T;
}

/**
 * The copy of the same plan by upsert into a database of its own, empty (the path every copy took
 * before the initial load); the "copy" line above was the initial load. Printed by `time` as "upsert".
 */
async function compareUpsert(
  admin: pg.Client,
  name: string,
  databaseUrl: string,
  copy: (url: string) => Promise<{ loadMode: string }>,
) {
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  await withTargetClient(url.toString(), (client) => applySchema(client));
  await withTargetClient(url.toString(), (client) => client.query("CHECKPOINT"));
  const { loadMode } = await copy(url.toString());
  console.log(
    `            (the same plan by ${loadMode} into an empty database, for comparison with "copy", an initial load)`,
  );
}

/** The bounds, like the floor, in a child process, against a database of their own. */
async function runBounds(
  admin: pg.Client,
  dbName: string,
  databaseUrl: string,
  postmasterPid: string | null,
): Promise<Bounds> {
  await admin.query(`CREATE DATABASE ${dbName}_bounds`);
  const boundsUrl = new URL(databaseUrl);
  boundsUrl.pathname = `/${dbName}_bounds`;
  return runChild<Bounds>("bounds", ["--bounds-only", boundsUrl.toString(), postmasterPid ?? "-"]);
}

function printBounds(engine: number, floor: number, { bounds, mergeSeconds }: Bounds) {
  console.log("bounds: the least each step's data work costs here, whatever the engine does around it");
  for (const b of bounds) console.log(`  ${b.name.padEnd(24)} ${b.seconds.toFixed(1).padStart(6)} s  (${b.detail})`);
  const sum = bounds.reduce((total, b) => total + b.seconds, 0);
  const left = 3 * floor - sum;
  console.log(
    `  (merging and staging the pair, in copy's one worker thread, while staging for the load: ${mergeSeconds.toFixed(1)} s)`,
  );
  console.log(
    `  sum ${sum.toFixed(1)} s = ${(sum / floor).toFixed(2)}× the floor; within the 3× target (${(3 * floor).toFixed(1)} s) that leaves ${left.toFixed(1)} s for merging, transforms, html, hashing, comparing and storing the plan — the engine's plan+copy+verify took ${engine.toFixed(1)} s in all`,
  );
}
