import "server-only";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { describeError } from "../common/action-result";
import { canonicalHash } from "../common/canonical-json";
import { createProgressTracker } from "./progress";
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

/**
 * Runs `work` under the lease; a second caller gets a BusyError, audited as a refusal. Actions
 * that change what a run reads (e.g. the owner's merge decisions) take it too, so they never
 * land in the middle of a copy.
 */
export async function withWorkflowLease<T>(
  ctx: AppContext,
  actor: string,
  step: StepId,
  action: string,
  work: () => Promise<T>,
) {
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
    return await withWorkflowLease(ctx, actor, stepId, "approve", async () => {
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
  /** refuses (throws an OwnerFacingError) when the step's own preconditions do not hold */
  precondition?: () => Promise<void>;
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

/**
 * Takes the lease, checks the order and the step's preconditions (a refusal is audited and
 * changes nothing), records the run as started, and returns while the work goes on: the
 * panel answers at once and shows progress; the CLI awaits `finished`.
 */
export async function startStepRun(
  ctx: AppContext,
  input: RunInput,
): Promise<{ runId: number; finished: Promise<RunResult> }> {
  const { stepId, action, actor } = input;
  let lease;
  try {
    lease = await acquireLease(ctx.db, `${action} ${stepId}`);
  } catch (error) {
    if (error instanceof BusyError) throw await refuse(ctx, actor, stepId, action, error);
    throw error;
  }
  let runId: number;
  try {
    assertNotLocked(await getStepStatusOrThrow(ctx, stepId));
    try {
      await input.precondition?.();
    } catch (error) {
      if (error instanceof OwnerFacingError) throw new WorkflowRefusal(error.message, error.code);
      throw error;
    }
    const run = await ctx.db.stepRun.create({
      data: {
        step: stepId,
        action,
        status: "running",
        actor,
        startedAt: new Date().toISOString(),
        leaseHolder: lease.holder,
      },
    });
    runId = run.id;
    await appendAudit(ctx.db, { actor, step: stepId, action, outcome: "started", detail: { runId } });
  } catch (error) {
    await lease.release();
    if (error instanceof WorkflowRefusal) throw await refuse(ctx, actor, stepId, action, error);
    throw error;
  }
  const finished = executeRun(ctx, runId, input).finally(() => lease.release());
  // The panel does not await this promise; its failure is recorded on the run, not lost.
  finished.catch(() => undefined);
  return { runId, finished };
}

export async function runStepAction(ctx: AppContext, input: RunInput): Promise<RunResult> {
  const { finished } = await startStepRun(ctx, input);
  return finished;
}

async function executeRun(
  ctx: AppContext,
  runId: number,
  { stepId, action, actor, execute }: RunInput,
): Promise<RunResult> {
  const tracker = createProgressTracker();
  let lastWrite = 0;
  const report: ProgressReporter = (progress) => {
    const snapshot = tracker(progress);
    if (Date.now() - lastWrite < 300 && progress.done < progress.total) return;
    lastWrite = Date.now();
    void ctx.db.stepRun
      .update({ where: { id: runId }, data: { progress: JSON.stringify(snapshot) } })
      .catch(() => undefined);
  };
  let outcome: StepOutcome;
  try {
    outcome = await execute(report);
  } catch (error) {
    const message = error instanceof OwnerFacingError ? error.message : describeError(error);
    // A cancel the engine honoured is the owner's choice, not a failure; the step still has nothing to approve.
    const cancelled = error instanceof OwnerFacingError && error.code === "cancelled";
    await ctx.db.stepRun.update({
      where: { id: runId },
      data: { status: cancelled ? "cancelled" : "failed", finishedAt: new Date().toISOString(), error: message },
    });
    const revoked = await revokeApprovalsFrom(
      ctx,
      stepId,
      `a new run of step "${stepId}" failed (run #${runId})`,
      actor,
    );
    await appendAudit(ctx.db, {
      actor,
      step: stepId,
      action,
      outcome: cancelled ? "cancelled" : "failed",
      detail: { runId, error: message },
    });
    throw Object.assign(new OwnerFacingError(message, "run-failed"), { runId, revoked });
  }
  const passed = outcome.checks.every((check) => check.ok || check.waivable);
  const evidenceHash = evidenceHashOf(outcome);
  await ctx.db.checkRecord.createMany({
    data: outcome.checks.map((check, position) => ({
      runId,
      position,
      name: check.name,
      ok: check.ok,
      waivable: check.waivable ?? false,
      detail: check.detail,
      evidence: check.evidence === undefined ? null : JSON.stringify(check.evidence),
    })),
  });
  await ctx.db.stepRun.update({
    where: { id: runId },
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
      ? await revokeApprovalsFrom(ctx, stepId, `the evidence of step "${stepId}" changed (run #${runId})`, actor)
      : [];
  await appendAudit(ctx.db, {
    actor,
    step: stepId,
    action,
    outcome: passed ? "ok" : "failed",
    detail: { runId, evidenceHash, failedChecks: outcome.checks.filter((c) => !c.ok).map((c) => c.name) },
  });
  return { runId, status: passed ? "passed" : "failed", checks: outcome.checks, revoked };
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
