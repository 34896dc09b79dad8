import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTestContext } from "../../test/support/app-context";
import { verifyAuditLog } from "../audit/audit-log";
import type { StepOutcome } from "./types";
import { approveStep, getStepStatuses, recordOwnerFact, runStepAction } from "./workflow";

/**
 * Approve, revoke, start and finish a run, record an owner fact: each writes several rows and
 * an audit entry. A crash is injected between the writes — a trigger in the control DB makes
 * one of the later writes fail — and nothing of the change may remain.
 */
/** The trigger's abort, as Prisma's SQLite adapter reports it (a constraint error, whatever its kind). */
const CRASHED = /constraint violated/i;

const green = (evidence: Record<string, unknown>): StepOutcome => ({
  checks: [{ name: "snapshot verified", ok: true, detail: "ok" }],
  evidence,
});

describe("state changes are atomic", () => {
  let ctx: ReturnType<typeof makeTestContext>;
  beforeEach(() => {
    ctx = makeTestContext();
  });
  afterEach(async () => ctx.cleanup());

  /** Makes the write that `when` selects fail until `heal` is called, as a crash between writes would. */
  function injectCrash(table: string, when: string) {
    const raw = new Database(ctx.paths.controlDb);
    raw.exec(`CREATE TRIGGER crash_injected BEFORE INSERT ON ${table} WHEN ${when}
      BEGIN SELECT RAISE(ABORT, 'crash injected'); END`);
    return () => {
      raw.exec("DROP TRIGGER crash_injected");
      raw.close();
    };
  }

  const runBackup = (evidence: Record<string, unknown>) =>
    runStepAction(ctx, { stepId: "backup", action: "run", actor: "owner", execute: async () => green(evidence) });

  it("leaves no approval without its audit entry when the entry cannot be written", async () => {
    await runBackup({ snapshot: "a" });
    const entries = await ctx.db.auditEntry.count();
    const heal = injectCrash("audit_log", "NEW.action = 'approve' AND NEW.outcome = 'approved'");
    try {
      await expect(approveStep(ctx, { stepId: "backup", actor: "owner" })).rejects.toThrow(CRASHED);
    } finally {
      heal();
    }
    expect(await ctx.db.approval.count()).toBe(0);
    expect(await ctx.db.auditEntry.count()).toBe(entries);
    expect((await getStepStatuses(ctx))[0]?.state).toBe("passed");

    await approveStep(ctx, { stepId: "backup", actor: "owner" });
    expect((await getStepStatuses(ctx))[0]?.state).toBe("approved");
    expect(await verifyAuditLog(ctx.db)).toMatchObject({ ok: true });
  });

  it("finishes a run with its checks, its evidence, its revocations and its entry, or not at all", async () => {
    await runBackup({ snapshot: "a" });
    await approveStep(ctx, { stepId: "backup", actor: "owner" });
    // the crash falls after the checks, the run's end and the approval's revocation are written
    const heal = injectCrash("audit_log", "NEW.action = 'approval' AND NEW.outcome = 'revoked'");
    try {
      await expect(runBackup({ snapshot: "b" })).rejects.toThrow(CRASHED);
    } finally {
      heal();
    }
    const run = await ctx.db.stepRun.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(run).toMatchObject({ status: "running", evidenceHash: null, finishedAt: null });
    expect(await ctx.db.checkRecord.count({ where: { runId: run.id } })).toBe(0);
    expect(await ctx.db.approval.count({ where: { revokedAt: { not: null } } })).toBe(0);
    // a run its process left unfinished is marked interrupted; the approval of the earlier evidence stands
    const [backup] = await getStepStatuses(ctx);
    expect(backup).toMatchObject({ state: "failed", reason: expect.stringMatching(/interrupted/) });
    expect(await ctx.db.approval.count({ where: { revokedAt: null } })).toBe(1);
    expect(await verifyAuditLog(ctx.db)).toMatchObject({ ok: true });
  });

  it("records no run when its start cannot be audited", async () => {
    const heal = injectCrash("audit_log", "NEW.outcome = 'started'");
    try {
      await expect(runBackup({ snapshot: "a" })).rejects.toThrow(CRASHED);
    } finally {
      heal();
    }
    expect(await ctx.db.stepRun.count()).toBe(0);
    await expect(runBackup({ snapshot: "a" })).resolves.toMatchObject({ status: "passed" });
  });

  it("keeps a failed run's end and its revocations together", async () => {
    await runBackup({ snapshot: "a" });
    await approveStep(ctx, { stepId: "backup", actor: "owner" });
    const heal = injectCrash("audit_log", "NEW.outcome = 'failed'");
    try {
      await expect(
        runStepAction(ctx, {
          stepId: "backup",
          action: "run",
          actor: "owner",
          execute: async () => {
            throw new Error("disk full");
          },
        }),
      ).rejects.toThrow(CRASHED);
    } finally {
      heal();
    }
    expect(await ctx.db.approval.count({ where: { revokedAt: { not: null } } })).toBe(0);
    expect(await ctx.db.stepRun.count({ where: { status: "failed" } })).toBe(0);
  });

  it("records an owner fact with its audit entry or not at all", async () => {
    const heal = injectCrash("audit_log", "NEW.action = 'record processing_stopped'");
    try {
      await expect(recordOwnerFact(ctx, "processing_stopped", { stopped: true }, "owner", "backup")).rejects.toThrow(
        CRASHED,
      );
    } finally {
      heal();
    }
    expect(await ctx.db.ownerFact.count()).toBe(0);
  });
});
