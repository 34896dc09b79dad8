import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildPlan } from "@/lib/merge/planner";
import { withTargetClient } from "@/lib/target/connect";
import { applySchema } from "@/lib/target/schema/apply";
import { verifyTarget } from "@/lib/verify/verify-target";
import { makeTestContext } from "@/test/support/app-context";
import { createTestDatabase } from "@/test/support/postgres";
import { makeTempDir } from "@/test/support/temp-dir";
import { deferredStructureMissing } from "@/lib/target/deferred-structure";
import { runCopy } from "./run-copy";
import { writeSyntheticPair } from "@/test/support/synthetic-pair";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function target(sources: { nas: string; dashboard: string }) {
  const db = await createTestDatabase("crash");
  await withTargetClient(db.url, (client) => applySchema(client));
  const ctx = makeTestContext({ NAS_DB: sources.nas, DASHBOARD_DB: sources.dashboard, DATABASE_URL: db.url });
  cleanups.push(
    () => db.drop(),
    () => ctx.cleanup(),
  );
  const plan = await buildPlan({ db: ctx.db, controlDbFile: ctx.paths.controlDb, sources, batchSize: 100 });
  const stored = await ctx.db.mergePlan.findUniqueOrThrow({ where: { id: plan.planId } });
  const copy = (options: { initialLoad?: boolean } = {}) =>
    runCopy({ db: ctx.db, controlDbFile: ctx.paths.controlDb, databaseUrl: db.url, sources, plan: stored, ...options });
  const state = () =>
    withTargetClient(db.url, async (client) => ({
      counts: (
        await client.query(
          "SELECT (SELECT count(*) FROM content) c, (SELECT count(*) FROM content_summaries) s, (SELECT count(*) FROM migration_quarantine) q",
        )
      ).rows[0],
      // every column of every row but a summary's id (a sequence: a killed batch's transaction used up its values)
      rows: (
        await client.query(
          `SELECT (SELECT md5(string_agg(to_jsonb(c)::text, E'\\n' ORDER BY video_id)) FROM content c) AS content,
                  (SELECT md5(string_agg((to_jsonb(s) - 'id')::text, E'\\n' ORDER BY video_id, variant, revision)) FROM content_summaries s) AS summaries`,
        )
      ).rows[0],
      latestPerVariant: (
        await client.query(
          "SELECT count(*) AS bad FROM (SELECT 1 FROM content_summaries GROUP BY video_id, variant HAVING count(*) FILTER (WHERE is_latest) <> 1) g",
        )
      ).rows[0],
      missingStructure: await deferredStructureMissing(client),
      quarantine: (
        await client.query(
          "SELECT source, source_table, source_key, reason, field, raw FROM migration_quarantine ORDER BY 1, 2, 3, 4, 5",
        )
      ).rows,
    }));
  const replan = async () => {
    const again = await buildPlan({ db: ctx.db, controlDbFile: ctx.paths.controlDb, sources, batchSize: 100 });
    const replanned = await ctx.db.mergePlan.findUniqueOrThrow({ where: { id: again.planId } });
    return {
      copy: () =>
        runCopy({ db: ctx.db, controlDbFile: ctx.paths.controlDb, databaseUrl: db.url, sources, plan: replanned }),
      verify: () => verifyTarget(ctx, { databaseUrl: db.url, sources, plan: replanned }),
    };
  };
  return {
    db,
    ctx,
    copy,
    state,
    replan,
    verify: () => verifyTarget(ctx, { databaseUrl: db.url, sources, plan: stored }),
  };
}

/** Runs the copy in a child process and SIGKILLs it once it reported `afterRecords`. */
function copyAndKill(ctx: { paths: { dataDir: string } }, env: Record<string, string>, afterRecords: number) {
  return new Promise<{ killedAt: number; finished: boolean }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        path.join(import.meta.dirname, "..", "..", "test", "support", "copy-child.ts"),
      ],
      {
        env: { ...process.env, ...env, CUTOVER_DATA_DIR: ctx.paths.dataDir },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let killedAt = 0;
    let finished = false;
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (line === "finished") finished = true;
        const done = Number(/^progress (\d+)$/.exec(line)?.[1] ?? 0);
        if (done >= afterRecords && killedAt === 0) {
          killedAt = done;
          child.kill("SIGKILL");
        }
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      signal === "SIGKILL" || code === 0
        ? resolve({ killedAt, finished })
        : reject(new Error(`child exited ${code}: ${stderr}`)),
    );
  });
}

function syntheticSources() {
  const temp = makeTempDir("cutover-crash-");
  cleanups.push(() => temp.cleanup());
  const sources = { nas: path.join(temp.dir, "nas.db"), dashboard: path.join(temp.dir, "dashboard.db") };
  writeSyntheticPair({ nasPath: sources.nas, dashboardPath: sources.dashboard, records: 4000 });
  return sources;
}

/** The upsert path into an empty target: what the initial load must equal, row for row. */
async function upsertReference(sources: { nas: string; dashboard: string }) {
  const reference = await target(sources);
  const copied = await reference.copy({ initialLoad: false });
  expect(copied.loadMode).toBe("upsert");
  const expected = await reference.verify();
  expect(expected.checks.filter((c) => !c.ok)).toEqual([]);
  return { expected, state: await reference.state() };
}

async function killedInitialLoad(sources: { nas: string; dashboard: string }) {
  const crashed = await target(sources);
  const env = { NAS_DB: sources.nas, DASHBOARD_DB: sources.dashboard, DATABASE_URL: crashed.db.url };
  const { killedAt, finished } = await copyAndKill(crashed.ctx, env, 500);
  expect(finished).toBe(false);
  expect(killedAt).toBeGreaterThanOrEqual(500);
  const partial = await crashed.state();
  // killed mid-load: some rows in, the indexes, foreign key and triggers still off
  expect(Number(partial.counts.c)).toBeGreaterThan(0);
  expect(partial.missingStructure).toEqual(
    expect.arrayContaining(["index content_summaries_one_latest", "trigger content_summaries_latest_before"]),
  );
  return { crashed, partial };
}

describe("a copy killed mid-run", () => {
  it("resumes its initial load from the first unfinished batch and ends identical to the upsert path", async () => {
    const sources = syntheticSources();
    const reference = await upsertReference(sources);
    const { crashed, partial } = await killedInitialLoad(sources);
    expect(Number(partial.counts.c)).toBeLessThan(Number(reference.state.counts.c));

    const resumed = await crashed.copy();
    expect(resumed.loadMode).toBe("initial");
    expect(resumed.resumedFrom).toBeGreaterThanOrEqual(5);
    const result = await crashed.verify();
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.recordsDigest).toBe(reference.expected.recordsDigest);
    const state = await crashed.state();
    expect(state).toEqual(reference.state);
    expect(state.missingStructure).toEqual([]);
    expect(state.latestPerVariant).toEqual({ bad: "0" });
  });

  it("is completed by a copy of another plan, which upserts after building the indexes and triggers back", async () => {
    const sources = syntheticSources();
    const reference = await upsertReference(sources);
    const { crashed } = await killedInitialLoad(sources);

    const other = await crashed.replan();
    const copied = await other.copy();
    expect(copied.loadMode).toBe("upsert");
    const result = await other.verify();
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.recordsDigest).toBe(reference.expected.recordsDigest);
    expect(await crashed.state()).toEqual(reference.state);
  });
});
