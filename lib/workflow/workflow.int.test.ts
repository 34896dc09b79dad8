import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTestContext } from "../../test/support/app-context";
import { listAudit, verifyAuditLog } from "../audit/audit-log";
import { acquireLease } from "./lease";
import type { StepOutcome } from "./types";
import { approveStep, getStepStatuses, runStepAction, WorkflowRefusal } from "./workflow";

const green = (evidence: Record<string, unknown> = { snapshot: "a" }): StepOutcome => ({
  checks: [{ name: "snapshot verified", ok: true, detail: "ok" }],
  evidence,
});

describe("workflow core", () => {
  let ctx: ReturnType<typeof makeTestContext>;
  beforeEach(() => {
    ctx = makeTestContext();
  });
  afterEach(async () => ctx.cleanup());

  it("refuses to approve copy before backup, and audits the refusal", async () => {
    await expect(approveStep(ctx, { stepId: "copy", actor: "owner" })).rejects.toThrow(
      /step "Copy & diff" is locked until step 1 "Backup" is approved/,
    );
    const [entry] = await listAudit(ctx.db);
    expect(entry).toMatchObject({ step: "copy", action: "approve", outcome: "refused" });
  });

  it("refuses to run a locked step and records no run", async () => {
    await expect(
      runStepAction(ctx, { stepId: "schema", action: "apply", actor: "owner", execute: async () => green() }),
    ).rejects.toBeInstanceOf(WorkflowRefusal);
    expect(await ctx.db.stepRun.count()).toBe(0);
  });

  it("approves a passed step, which unlocks the next", async () => {
    await runStepAction(ctx, { stepId: "backup", action: "run", actor: "owner", execute: async () => green() });
    expect((await getStepStatuses(ctx))[0]?.state).toBe("passed");
    await approveStep(ctx, { stepId: "backup", actor: "owner" });
    const statuses = await getStepStatuses(ctx);
    expect(statuses.map((s) => s.state).slice(0, 3)).toEqual(["approved", "ready", "locked"]);
  });

  it("refuses to approve a failed step", async () => {
    const failing: StepOutcome = { checks: [{ name: "integrity", ok: false, detail: "malformed" }], evidence: {} };
    await runStepAction(ctx, { stepId: "backup", action: "run", actor: "owner", execute: async () => failing });
    await expect(approveStep(ctx, { stepId: "backup", actor: "owner" })).rejects.toThrow(
      /nothing to approve \(it is failed\)/,
    );
  });

  it("requires a note to approve over a failing waivable check", async () => {
    const waivable: StepOutcome = {
      checks: [{ name: "count = 67", ok: false, waivable: true, detail: "66" }],
      evidence: {},
    };
    await runStepAction(ctx, { stepId: "backup", action: "run", actor: "owner", execute: async () => waivable });
    await expect(approveStep(ctx, { stepId: "backup", actor: "owner" })).rejects.toThrow(/note/);
    await approveStep(ctx, { stepId: "backup", actor: "owner", note: "one video was deleted on purpose" });
    expect((await getStepStatuses(ctx))[0]?.state).toBe("approved");
  });

  it("revokes an approval and every later one when the evidence changes", async () => {
    await runStepAction(ctx, {
      stepId: "backup",
      action: "run",
      actor: "owner",
      execute: async () => green({ snapshot: "a" }),
    });
    await approveStep(ctx, { stepId: "backup", actor: "owner" });
    await runStepAction(ctx, {
      stepId: "schema",
      action: "apply",
      actor: "owner",
      execute: async () => green({ ddl: 1 }),
    });
    await approveStep(ctx, { stepId: "schema", actor: "owner" });

    const result = await runStepAction(ctx, {
      stepId: "backup",
      action: "run",
      actor: "owner",
      execute: async () => green({ snapshot: "b" }),
    });
    expect(result.revoked.sort()).toEqual(["backup", "schema"]);
    const statuses = await getStepStatuses(ctx);
    expect(statuses.slice(0, 2).map((s) => s.state)).toEqual(["passed", "locked"]);
    const revoked = await ctx.db.approval.findMany({ where: { revokedAt: { not: null } } });
    expect(
      revoked.every((a) => /^run #\d+ of step 1 "Backup" produced new evidence$/.test(a.revokedReason ?? "")),
    ).toBe(true);
  });

  it("answers busy to a second action while one holds the lease", async () => {
    const lease = await acquireLease(ctx.db, "run backup");
    await expect(
      runStepAction(ctx, { stepId: "backup", action: "run", actor: "cli", execute: async () => green() }),
    ).rejects.toThrow(/Busy/);
    await lease.release();
    await expect(
      runStepAction(ctx, { stepId: "backup", action: "run", actor: "cli", execute: async () => green() }),
    ).resolves.toMatchObject({ status: "passed" });
  });

  it("records a failed run with the owner-facing message when the engine throws", async () => {
    const { OwnerFacingError } = await import("./types");
    await expect(
      runStepAction(ctx, {
        stepId: "backup",
        action: "run",
        actor: "owner",
        execute: async () => {
          throw new OwnerFacingError("NAS database not found: /x/nas.db");
        },
      }),
    ).rejects.toThrow("NAS database not found");
    const run = await ctx.db.stepRun.findFirst();
    expect(run).toMatchObject({ status: "failed", error: "NAS database not found: /x/nas.db" });
  });

  it("marks a run whose process died as interrupted", async () => {
    await ctx.db.stepRun.create({
      data: {
        step: "backup",
        action: "run",
        status: "running",
        actor: "owner",
        startedAt: new Date().toISOString(),
        leaseHolder: "gone",
      },
    });
    const statuses = await getStepStatuses(ctx);
    expect(statuses[0]).toMatchObject({ state: "failed", reason: expect.stringMatching(/interrupted/) });
  });

  it("detects an audit row edited directly in the control DB, at that entry", async () => {
    for (let i = 0; i < 3; i++) await approveStep(ctx, { stepId: "copy", actor: "owner" }).catch(() => undefined);
    expect(await verifyAuditLog(ctx.db)).toMatchObject({ ok: true, entries: 3 });

    const raw = new Database(ctx.paths.controlDb);
    expect(() => raw.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2").run()).toThrow(/append-only/);
    raw.exec("DROP TRIGGER audit_log_no_update");
    raw.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2").run();
    raw.close();

    expect(await verifyAuditLog(ctx.db)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe("a cancelled run", () => {
  let ctx: ReturnType<typeof makeTestContext>;
  beforeEach(() => {
    ctx = makeTestContext();
  });
  afterEach(async () => ctx.cleanup());

  it("is recorded as cancelled, audited as such, and leaves the step to be run again", async () => {
    const { OwnerFacingError } = await import("./types");
    await expect(
      runStepAction(ctx, {
        stepId: "backup",
        action: "run",
        actor: "owner",
        execute: async () => {
          throw new OwnerFacingError("stopped after 2,000 of 21,000 records", "cancelled");
        },
      }),
    ).rejects.toThrow("stopped after");
    expect(await ctx.db.stepRun.findFirst()).toMatchObject({ status: "cancelled" });
    const [entry] = await listAudit(ctx.db);
    expect(entry).toMatchObject({ action: "run", outcome: "cancelled" });
    expect((await getStepStatuses(ctx))[0]).toMatchObject({
      state: "failed",
      reason: expect.stringMatching(/cancelled/),
    });
  });
});
