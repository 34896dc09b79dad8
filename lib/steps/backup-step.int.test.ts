import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createLegacyDb, sha256File } from "@/test/support/legacy-fixtures";
import { makeTempDir } from "@/test/support/temp-dir";
import { makeTestContext } from "@/test/support/app-context";
import { listAudit } from "../audit/audit-log";
import { buildStatusReport } from "../workflow/status-report";
import { getStepStatusOrThrow, runStepAction } from "../workflow/workflow";
import { approveStepWithGate } from "./approve";
import {
  assertSourcesUnchangedSinceBackup,
  backupRunInput,
  confirmProcessingStopped,
  manifestOfEvidence,
} from "./backup-step";

const actor = "owner (test)";
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function demoContext(env: Record<string, string> = {}) {
  const ctx = makeTestContext(env);
  cleanups.push(() => ctx.cleanup());
  return ctx;
}

/** A context on two small real files, so a test can write to a source between backup and approval. */
function fileContext() {
  const temp = makeTempDir();
  cleanups.push(() => temp.cleanup());
  const nas = path.join(temp.dir, "nas.db");
  const dashboard = path.join(temp.dir, "dashboard.db");
  createLegacyDb(nas, { rows: 30, categorized: 2, older: true, journalMode: "wal" });
  createLegacyDb(dashboard, { rows: 80, categorized: 67, firstVideo: 10 });
  return { ctx: demoContext({ NAS_DB: nas, DASHBOARD_DB: dashboard }), nas, dashboard };
}

async function runBackupStep(ctx: ReturnType<typeof demoContext>) {
  await confirmProcessingStopped(ctx, actor);
  return runStepAction(ctx, backupRunInput(ctx, actor));
}

describe("backup step", () => {
  it("refuses to run until the owner confirms processing is stopped, audits the refusal and records no run", async () => {
    const ctx = demoContext();
    await expect(runStepAction(ctx, backupRunInput(ctx, actor))).rejects.toThrow(
      /^Confirm that processing is stopped first: .*cutover backup --processing-stopped/,
    );
    expect(await ctx.db.stepRun.count()).toBe(0);
    expect(existsSync(ctx.paths.backupsDir)).toBe(false);
    const [refusal] = await listAudit(ctx.db);
    expect(refusal).toMatchObject({ step: "backup", action: "run", outcome: "refused" });

    await confirmProcessingStopped(ctx, actor);
    const [recorded] = await listAudit(ctx.db);
    expect(recorded).toMatchObject({ step: "backup", action: "record processing_stopped", actor, outcome: "ok" });
  });

  it("backs up the demo pair: passed, manifest on disk, approved through the gate, audit has run and approval", async () => {
    const ctx = demoContext();
    const result = await runBackupStep(ctx);
    expect(result.status).toBe("passed");
    expect(result.checks.every((check) => check.ok)).toBe(true);
    const run = await ctx.db.stepRun.findUniqueOrThrow({ where: { id: result.runId } });
    const manifest = manifestOfEvidence(ctx, run.evidence)!;
    expect(existsSync(path.join(manifest.backupDir, "manifest.json"))).toBe(true);
    expect(JSON.parse(run.evidence!).manifestPath).toBe(path.join(manifest.backupDir, "manifest.json"));
    expect((await getStepStatusOrThrow(ctx, "backup")).state).toBe("passed");

    await approveStepWithGate(ctx, { stepId: "backup", actor });
    const report = await buildStatusReport(ctx);
    expect(report.steps[0]).toMatchObject({ id: "backup", state: "approved" });
    expect(report.steps[1]).toMatchObject({ id: "schema", state: "ready" });
    const audit = await listAudit(ctx.db, { step: "backup" });
    expect(audit.map((entry) => `${entry.action} ${entry.outcome}`)).toEqual(
      expect.arrayContaining(["run started", "run ok", "approve approved"]),
    );
    const approval = audit.find((entry) => entry.action === "approve")!;
    expect(approval.detail).toContain("Sources unchanged since the backup");
    await expect(assertSourcesUnchangedSinceBackup(ctx)).resolves.toBeUndefined();
  });

  it("refuses approval when a source was written after the backup, naming the table; the other file untouched", async () => {
    const { ctx, nas, dashboard } = fileContext();
    expect((await runBackupStep(ctx)).status).toBe("passed");
    const nasHash = sha256File(nas);
    const writer = new Database(dashboard);
    writer.prepare("UPDATE content SET title = 'edited after the backup' WHERE rowid <= 3").run();
    writer.close();

    await expect(approveStepWithGate(ctx, { stepId: "backup", actor })).rejects.toThrow(
      /Sources unchanged since the backup: Dashboard changed since the backup: content 3 rows changed.*take the backup again/,
    );
    expect((await getStepStatusOrThrow(ctx, "backup")).state).toBe("passed");
    expect(await ctx.db.approval.count()).toBe(0);
    expect(sha256File(nas)).toBe(nasHash);
    const [refusal] = await listAudit(ctx.db);
    expect(refusal).toMatchObject({ step: "backup", action: "approve", outcome: "refused" });
  });

  it("lets a later step refuse when a source drifted after the backup was approved", async () => {
    const { ctx, nas } = fileContext();
    await runBackupStep(ctx);
    await approveStepWithGate(ctx, { stepId: "backup", actor });
    const writer = new Database(nas);
    writer.prepare("INSERT INTO content (id, title) VALUES ('yt:newvideo0001', 'new on the NAS')").run();
    writer.close();
    await expect(assertSourcesUnchangedSinceBackup(ctx)).rejects.toThrow(
      /^source changed since backup: NAS content 1 row changed \(1 added\)/,
    );
  });

  it("fails the run with one clear line when NAS_DB is missing: nothing verified or approved, sources untouched", async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.cleanup());
    const dashboard = path.join(temp.dir, "dashboard.db");
    createLegacyDb(dashboard, { rows: 10, categorized: 3 });
    const hash = sha256File(dashboard);
    const missing = path.join(temp.dir, "no-such-nas.db");
    const ctx = demoContext({ NAS_DB: missing, DASHBOARD_DB: dashboard });

    await expect(runBackupStep(ctx)).rejects.toThrow(`NAS database not found: ${missing}`);
    const status = await getStepStatusOrThrow(ctx, "backup");
    expect(status.state).toBe("failed");
    const run = await ctx.db.stepRun.findFirstOrThrow({ where: { step: "backup" } });
    expect(run).toMatchObject({ status: "failed", error: `NAS database not found: ${missing}`, evidence: null });
    await expect(approveStepWithGate(ctx, { stepId: "backup", actor })).rejects.toThrow(/nothing to approve/);
    expect(sha256File(dashboard)).toBe(hash);
    expect(existsSync(missing)).toBe(false);
  });

  it("passes with a waivable failure when the Dashboard's count is not EXPECTED_CATEGORIZED; approval needs a note", async () => {
    const ctx = demoContext({ EXPECTED_CATEGORIZED: "66" });
    const result = await runBackupStep(ctx);
    expect(result.status).toBe("passed");
    const count = result.checks.find((check) => check.name === "Dashboard categorization count = expected")!;
    expect(count).toMatchObject({ ok: false, waivable: true });
    expect(count.detail).toMatch(/^Dashboard 67 categorized \(expected 66\)/);

    await expect(approveStepWithGate(ctx, { stepId: "backup", actor })).rejects.toThrow(/approve with a note/);
    const note = "one video was recategorized on purpose";
    await approveStepWithGate(ctx, { stepId: "backup", actor, note });
    expect((await getStepStatusOrThrow(ctx, "backup")).state).toBe("approved");
    const [approval] = await listAudit(ctx.db, { step: "backup" });
    expect(approval).toMatchObject({ action: "approve", outcome: "approved" });
    expect(JSON.parse(approval!.detail).note).toBe(note);
  });
});
