import "server-only";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { canonicalHash } from "../common/canonical-json";
import { loadStepFacts } from "./facts";
import { acquireLease, BusyError } from "./lease";
import { deriveStepStatuses, type StepStatus } from "./step-state";
import { getStepOrThrow, stepsAfter, type StepId } from "./steps";
import { OwnerFacingError, type CheckResult, type ProgressReporter, type StepOutcome } from "./types";

/**
 * The workflow core: everything that changes a step's state goes through here, under the
 * lease, and leaves an audit entry — refusals included.
 */
export class WorkflowRefusal extends OwnerFacingError {
  override name = "WorkflowRefusal";
}

export async function getStepStatuses(ctx: AppContext): Promise<StepStatus[]> {
  return deriveStepStatuses(await loadStepFacts(ctx.db));
}

export async function getStepStatusOrThrow(ctx: AppContext, stepId: StepId): Promise<StepStatus> {
  const status = (await getStepStatuses(ctx)).find((s) => s.id === stepId);
  if (!status) throw new Error(`No status for step ${stepId}`);
  return status;
}

async function refuse(ctx: AppContext, actor: string, step: StepId | null, action: string, error: OwnerFacingError) {
  await appendAudit(ctx.db, { actor, step, action, outcome: "refused", detail: { reason: error.message } });
  return error;
}

/** Runs `work` under the lease; a second caller gets a BusyError, audited as a refusal. */
async function underLease<T>(ctx: AppContext, actor: string, step: StepId, action: string, work: () => Promise<T>) {
  let lease;
  try {
    lease = await acquireLease(ctx.db, `${action} ${step}`);
  } catch (error) {
    if (error instanceof BusyError) throw await refuse(ctx, actor, step, action, error);
    throw error;
  }
  try {
    return await work();
  } finally {
    await lease.release();
  }
}

function assertNotLocked(status: StepStatus) {
  if (status.state === "locked") {
    const before = status.blockedBy ? getStepOrThrow(status.blockedBy) : undefined;
    throw new WorkflowRefusal(
      `Refused: step "${status.title}" is locked${before ? ` until step ${before.number} "${before.title}" is approved` : ""}.`,
      "locked",
    );
  }
}

/** Revokes the active approvals of `from` and every later step; returns the revoked steps. */
export async function revokeApprovalsFrom(ctx: AppContext, from: StepId, reason: string, actor: string) {
  const steps = [from, ...stepsAfter(from)];
  const active = await ctx.db.approval.findMany({ where: { step: { in: steps }, revokedAt: null } });
  for (const approval of active) {
    await ctx.db.approval.updateMany({
      where: { id: approval.id, revokedAt: null },
      data: { revokedAt: new Date().toISOString(), revokedReason: reason },
    });
    await appendAudit(ctx.db, {
      actor,
      step: approval.step,
      action: "approval",
      outcome: "revoked",
      detail: { reason },
    });
  }
  return active.map((approval) => approval.step);
}

export type ApproveInput = { stepId: StepId; actor: string; note?: string };

export async function approveStep(ctx: AppContext, input: ApproveInput, gate?: () => Promise<CheckResult[]>) {
  const { stepId, actor } = input;
  const note = input.note?.trim() || undefined;
  try {
    return await underLease(ctx, actor, stepId, "approve", async () => {
      const status = await getStepStatusOrThrow(ctx, stepId);
      assertNotLocked(status);
      if (status.state === "approved") throw new WorkflowRefusal(`Step "${status.title}" is already approved.`, "noop");
      if (status.state !== "passed" || !status.lastRun?.evidenceHash) {
        throw new WorkflowRefusal(
          `Refused: step "${status.title}" has nothing to approve (it is ${status.state}). Run it until its checks pass.`,
          "not-passed",
        );
      }
      if (status.lastRun.waivableFailures > 0 && !note) {
        throw new WorkflowRefusal(
          `Refused: a check of step "${status.title}" failed that only a recorded reason can waive; approve with a note saying why.`,
          "note-required",
        );
      }
      const gateChecks = gate ? await gate() : [];
      const failed = gateChecks.filter((check) => !check.ok);
      if (failed.length > 0) {
        throw new WorkflowRefusal(
          `Refused: ${failed.map((check) => `${check.name}: ${check.detail}`).join("; ")}`,
          "gate",
        );
      }
      const approval = await ctx.db.approval.create({
        data: {
          step: stepId,
          runId: status.lastRun.id,
          evidenceHash: status.lastRun.evidenceHash,
          actor,
          note: note ?? null,
          approvedAt: new Date().toISOString(),
        },
      });
      await appendAudit(ctx.db, {
        actor,
        step: stepId,
        action: "approve",
        outcome: "approved",
        detail: { runId: status.lastRun.id, evidenceHash: status.lastRun.evidenceHash, note, gate: gateChecks },
      });
      return approval;
    });
  } catch (error) {
    if (error instanceof WorkflowRefusal) throw await refuse(ctx, actor, stepId, "approve", error);
    throw error;
  }
}

export type RunInput = {
  stepId: StepId;
  action: string;
  actor: string;
  execute: (report: ProgressReporter) => Promise<StepOutcome>;
};

export type RunResult = { runId: number; status: "passed" | "failed"; checks: CheckResult[]; revoked: string[] };

export function evidenceHashOf(outcome: StepOutcome): string {
  return canonicalHash({
    checks: outcome.checks.map(({ name, ok, waivable, evidence }) => ({
      name,
      ok,
      waivable: waivable ?? false,
      evidence,
    })),
    evidence: outcome.evidence,
  });
}

export async function runStepAction(ctx: AppContext, input: RunInput): Promise<RunResult> {
  const { stepId, action, actor } = input;
  try {
    return await underLease(ctx, actor, stepId, action, async () => {
      assertNotLocked(await getStepStatusOrThrow(ctx, stepId));
      return executeRun(ctx, input);
    });
  } catch (error) {
    if (error instanceof WorkflowRefusal) throw await refuse(ctx, actor, stepId, action, error);
    throw error;
  }
}

async function executeRun(ctx: AppContext, { stepId, action, actor, execute }: RunInput): Promise<RunResult> {
  const lease = await ctx.db.lease.findUnique({ where: { name: "workflow" } });
  const run = await ctx.db.stepRun.create({
    data: {
      step: stepId,
      action,
      status: "running",
      actor,
      startedAt: new Date().toISOString(),
      leaseHolder: lease?.holder,
    },
  });
  await appendAudit(ctx.db, { actor, step: stepId, action, outcome: "started", detail: { runId: run.id } });
  let lastWrite = 0;
  const report: ProgressReporter = (progress) => {
    if (Date.now() - lastWrite < 300 && progress.done < progress.total) return;
    lastWrite = Date.now();
    void ctx.db.stepRun
      .update({
        where: { id: run.id },
        data: { progress: JSON.stringify({ ...progress, at: new Date().toISOString() }) },
      })
      .catch(() => undefined);
  };
  let outcome: StepOutcome;
  try {
    outcome = await execute(report);
  } catch (error) {
    const message = error instanceof OwnerFacingError ? error.message : "Unexpected error; see the server log.";
    if (!(error instanceof OwnerFacingError)) console.error(`[run ${run.id}] ${stepId}/${action} failed`, error);
    await ctx.db.stepRun.update({
      where: { id: run.id },
      data: { status: "failed", finishedAt: new Date().toISOString(), error: message },
    });
    const revoked = await revokeApprovalsFrom(
      ctx,
      stepId,
      `a new run of step "${stepId}" failed (run #${run.id})`,
      actor,
    );
    await appendAudit(ctx.db, {
      actor,
      step: stepId,
      action,
      outcome: "failed",
      detail: { runId: run.id, error: message },
    });
    throw Object.assign(new OwnerFacingError(message, "run-failed"), { runId: run.id, revoked });
  }
  const passed = outcome.checks.every((check) => check.ok || check.waivable);
  const evidenceHash = evidenceHashOf(outcome);
  await ctx.db.checkRecord.createMany({
    data: outcome.checks.map((check, position) => ({
      runId: run.id,
      position,
      name: check.name,
      ok: check.ok,
      waivable: check.waivable ?? false,
      detail: check.detail,
      evidence: check.evidence === undefined ? null : JSON.stringify(check.evidence),
    })),
  });
  await ctx.db.stepRun.update({
    where: { id: run.id },
    data: {
      status: passed ? "passed" : "failed",
      finishedAt: new Date().toISOString(),
      evidence: JSON.stringify(outcome.evidence),
      evidenceHash,
    },
  });
  const approved = await ctx.db.approval.findFirst({ where: { step: stepId, revokedAt: null } });
  const revoked =
    approved && approved.evidenceHash !== evidenceHash
      ? await revokeApprovalsFrom(ctx, stepId, `the evidence of step "${stepId}" changed (run #${run.id})`, actor)
      : [];
  await appendAudit(ctx.db, {
    actor,
    step: stepId,
    action,
    outcome: passed ? "ok" : "failed",
    detail: { runId: run.id, evidenceHash, failedChecks: outcome.checks.filter((c) => !c.ok).map((c) => c.name) },
  });
  return { runId: run.id, status: passed ? "passed" : "failed", checks: outcome.checks, revoked };
}

/** Records something only the owner can state (e.g. "processing is stopped"), audited. */
export async function recordOwnerFact(ctx: AppContext, key: string, value: unknown, actor: string, step?: StepId) {
  const now = new Date().toISOString();
  await ctx.db.ownerFact.upsert({
    where: { key },
    create: { key, value: JSON.stringify(value), updatedAt: now, updatedBy: actor },
    update: { value: JSON.stringify(value), updatedAt: now, updatedBy: actor },
  });
  await appendAudit(ctx.db, { actor, step, action: `record ${key}`, outcome: "ok", detail: { value } });
}

export async function readOwnerFact<T>(
  ctx: AppContext,
  key: string,
): Promise<{ value: T; updatedAt: string; updatedBy: string } | undefined> {
  const fact = await ctx.db.ownerFact.findUnique({ where: { key } });
  return fact
    ? { value: JSON.parse(fact.value) as T, updatedAt: fact.updatedAt, updatedBy: fact.updatedBy }
    : undefined;
}
