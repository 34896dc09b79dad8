/**
 * Shadow-read benchmark: `node --conditions=react-server --import tsx scripts/bench-shadow.ts N`.
 * Builds a synthetic pair of N content rows per source in a temp folder, plans and copies it
 * into a fresh embedded PostgreSQL, then runs the shadow read in a child process, so the peak
 * RSS printed is the shadow read's process alone. Removes everything it made.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createAppContext } from "../lib/app-context";
import { parseEnv } from "../lib/config/env";
import { closeControlDb } from "../lib/control/control-db";
import { runCopy } from "../lib/copy/run-copy";
import { buildPlan } from "../lib/merge/planner";
import { groupFindings } from "../lib/shadow/findings";
import { runShadowRead } from "../lib/shadow/run-shadow";
import { withTargetClient } from "../lib/target/connect";
import { startEmbeddedServer } from "../lib/target/embedded-server";
import { applySchema } from "../lib/target/schema/apply";
import { writeSyntheticPair } from "../test/support/synthetic-pair";

const [records = 10_000, mode, dashboard, databaseUrl] = [Number(process.argv[2]) || 10_000, ...process.argv.slice(3)];

if (mode === "--shadow-only" && dashboard && databaseUrl) {
  const started = performance.now();
  const read = await runShadowRead({
    dashboard: { role: "dashboard", origin: { kind: "file", path: dashboard } },
    databaseUrl,
  });
  const kinds = groupFindings(read.findings, 0).map((g) => `${g.kind} ${g.count}`);
  console.log(
    `shadow read of ${records.toLocaleString("en-US")} records: ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
      `${read.views.length} list views, listed ${read.listed.sqlite} / ${read.listed.postgres}, ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; findings: ${kinds.join(", ") || "none"}`,
  );
  process.exit(0);
}

const dir = mkdtempSync(path.join(os.tmpdir(), "bench-shadow-"));
chmodSync(dir, 0o711); // the embedded PostgreSQL runs as another user and must reach its folder
const sources = { nas: path.join(dir, "nas.db"), dashboard: path.join(dir, "dashboard.db") };
const server = await startEmbeddedServer(path.join(dir, "pg"));
try {
  writeSyntheticPair({ nasPath: sources.nas, dashboardPath: sources.dashboard, records });
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE bench_shadow");
  await admin.end();
  const url = server.url("bench_shadow");
  const ctx = createAppContext(parseEnv({ CUTOVER_DATA_DIR: path.join(dir, "data") }, process.cwd()));
  await withTargetClient(url, (client) => applySchema(client));
  const plan = await buildPlan({ db: ctx.db, controlDbFile: ctx.paths.controlDb, sources });
  const stored = await ctx.db.mergePlan.findUniqueOrThrow({ where: { id: plan.planId } });
  await runCopy({ db: ctx.db, controlDbFile: ctx.paths.controlDb, databaseUrl: url, sources, plan: stored });
  await closeControlDb(ctx.paths.controlDb);
  const child = spawnSync(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      process.argv[1]!,
      String(records),
      "--shadow-only",
      sources.dashboard,
      url,
    ],
    { encoding: "utf8", stdio: ["ignore", "inherit", "inherit"] },
  );
  if (child.status !== 0) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
