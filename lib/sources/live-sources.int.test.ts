import { mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { generateDemoPair } from "@/lib/demo/generate-demo-pair";
import { approveStepWithGate } from "@/lib/steps/approve";
import { backupRunInput, confirmProcessingStopped } from "@/lib/steps/backup-step";
import { copyRunInput, planAction, verifyRunInput } from "@/lib/steps/copy-step";
import { loadCopyView } from "@/lib/steps/copy-view";
import { applySchemaRunInput } from "@/lib/steps/schema-step";
import { closeTargetDb } from "@/lib/target/target-db";
import { approveStep, runStepAction } from "@/lib/workflow/workflow";
import { makeTestContext } from "@/test/support/app-context";
import { createTestDatabase } from "@/test/support/postgres";
import { startSourceServer, type SourceServer } from "@/test/support/source-server";
import { makeTempDir } from "@/test/support/temp-dir";

/**
 * The source reader through the real steps: the sources' folders are exactly as they were after
 * backup, freeze proof, plan, copy and verify read them, and a Dashboard given by its download
 * URL walks step 1 (its freeze proof downloading afresh) and step 3 (merged from its mirror).
 */
const ACTOR = "owner (test)";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The demo pair in a folder of its own, switched to WAL mode and closed, as a stopped program leaves it. */
function walPair() {
  const temp = makeTempDir("cutover-wal-pair-");
  cleanups.push(() => temp.cleanup());
  const folder = path.join(temp.dir, "ytv2");
  mkdirSync(folder);
  const files = { nas: path.join(folder, "nas.db"), dashboard: path.join(folder, "dashboard.db") };
  generateDemoPair({ nasPath: files.nas, dashboardPath: files.dashboard });
  for (const file of Object.values(files)) {
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.close();
  }
  return { folder, files };
}

/** Names, sizes and modification times: what "the folder is untouched" means. */
function listing(folder: string, options: { mtimeOf?: (name: string) => boolean } = {}) {
  return readdirSync(folder)
    .sort()
    .map((name) => {
      const stat = statSync(path.join(folder, name));
      const mtime = (options.mtimeOf ?? (() => true))(name) ? stat.mtimeMs : "-";
      return `${name} ${stat.size} ${mtime}`;
    });
}

async function context(env: Record<string, string>) {
  const target = await createTestDatabase("sources");
  const ctx = makeTestContext({ ...env, DATABASE_URL: target.url });
  cleanups.push(async () => {
    await closeTargetDb(target.url);
    await ctx.cleanup();
    await target.drop();
  });
  return { ctx, databaseUrl: target.url };
}

async function backUpAndApprove(ctx: Awaited<ReturnType<typeof context>>["ctx"]) {
  await confirmProcessingStopped(ctx, ACTOR);
  const backup = await runStepAction(ctx, backupRunInput(ctx, ACTOR));
  expect(backup.checks.filter((check) => !check.ok)).toEqual([]);
  await approveStepWithGate(ctx, { stepId: "backup", actor: ACTOR });
}

async function throughStep3(ctx: Awaited<ReturnType<typeof context>>["ctx"], databaseUrl: string) {
  await runStepAction(ctx, applySchemaRunInput(databaseUrl, ACTOR));
  await approveStep(ctx, { stepId: "schema", actor: ACTOR });
  await planAction(ctx, ACTOR);
  const copy = await runStepAction(ctx, copyRunInput(ctx, databaseUrl, ACTOR));
  expect(copy.checks.filter((check) => !check.ok)).toEqual([]);
  const verify = await runStepAction(ctx, verifyRunInput(ctx, databaseUrl, ACTOR));
  expect(verify.status).toBe("passed");
  return verify;
}

describe("the sources' folders stay untouched", () => {
  it("WAL files nobody has open: no -wal or -shm appears, nothing changes, through backup, freeze proof, plan, copy and verify", async () => {
    const { folder, files } = walPair();
    const before = listing(folder);
    expect(before.map((line) => line.split(" ")[0])).toEqual(["dashboard.db", "nas.db"]);
    const { ctx, databaseUrl } = await context({ NAS_DB: files.nas, DASHBOARD_DB: files.dashboard });

    await backUpAndApprove(ctx);
    expect(listing(folder)).toEqual(before);
    await throughStep3(ctx, databaseUrl);
    expect((await loadCopyView(ctx)).sources.ok).toBe(true);
    expect(listing(folder)).toEqual(before);
    // The merge read the verified copies the reader keeps in the data dir, not the sources.
    expect(readdirSync(path.join(ctx.paths.dataDir, "sources")).sort()).toEqual(["dashboard.db", "nas.db"]);
  });

  it("a WAL file its program still has open: read in place under SQLite's own protocol, creating nothing", async () => {
    const { folder, files } = walPair();
    const program = new Database(files.nas);
    cleanups.push(() => void program.close());
    program.prepare("SELECT count(*) FROM content").get();
    // The program's own -wal and -shm; the -shm's mtime moves with every reader's lock bookkeeping.
    const names = listing(folder, { mtimeOf: (name) => !name.endsWith("-shm") });
    expect(names.map((line) => line.split(" ")[0])).toEqual(["dashboard.db", "nas.db", "nas.db-shm", "nas.db-wal"]);
    const { ctx, databaseUrl } = await context({ NAS_DB: files.nas, DASHBOARD_DB: files.dashboard });

    await backUpAndApprove(ctx);
    await throughStep3(ctx, databaseUrl);
    expect(listing(folder, { mtimeOf: (name) => !name.endsWith("-shm") })).toEqual(names);
    expect(readdirSync(path.join(ctx.paths.dataDir, "sources"))).toEqual(["dashboard.db"]);
  });
});

describe("the Dashboard by its download URL, through the steps", () => {
  const TOKEN = "render-sync-secret";

  async function served() {
    const pair = walPair();
    const server: SourceServer = await startSourceServer({ file: pair.files.dashboard, token: TOKEN });
    cleanups.push(() => server.close());
    const env = { NAS_DB: pair.files.nas, DASHBOARD_DB: server.url, DASHBOARD_DB_TOKEN: TOKEN };
    return { ...pair, server, ...(await context(env)) };
  }

  it("backs up, approves after a fresh download, then plans, copies and verifies from the verified copy", async () => {
    const { ctx, databaseUrl, server } = await served();
    await backUpAndApprove(ctx);
    // Backup: the snapshot's download and the stability check's; approval: the freeze proof's.
    expect(server.requests).toHaveLength(3);
    const verify = await throughStep3(ctx, databaseUrl);
    expect(verify.checks.find((check) => check.name === "Sources unchanged since the backup")).toMatchObject({
      ok: true,
    });
    expect(server.requests.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const audit = await ctx.db.auditEntry.findMany();
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    expect(JSON.stringify(await ctx.db.stepRun.findMany())).not.toContain(TOKEN);
  });

  it("refuses approval, naming the table, when the file on the server changed after the backup", async () => {
    const { ctx, server, files } = await served();
    await confirmProcessingStopped(ctx, ACTOR);
    expect((await runStepAction(ctx, backupRunInput(ctx, ACTOR))).status).toBe("passed");
    const dashboard = new Database(files.dashboard);
    dashboard.prepare("UPDATE content SET title = 'renamed on the Dashboard' WHERE rowid IN (1, 2)").run();
    dashboard.close();
    const requests = server.requests.length;
    await expect(approveStepWithGate(ctx, { stepId: "backup", actor: ACTOR })).rejects.toThrow(
      /Sources unchanged since the backup: Dashboard changed since the backup: content 2 rows changed\. Stop whatever writes to the sources, then take the backup again/,
    );
    expect(server.requests.length).toBe(requests + 1);
    expect(await ctx.db.approval.count()).toBe(0);
  });
});
