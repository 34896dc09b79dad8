import "server-only";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { describeError } from "../common/action-result";
import { canonicalHash } from "../common/canonical-json";
import { controlTransaction } from "../control/control-db";
import { revokeApprovalsFrom } from "./approvals";
import { assertNotLocked, getStepStatusOrThrow, refuse, takeLease, WorkflowRefusal } from "./core";
import { createProgressTracker } from "./progress";
import { stepName, type StepId } from "./steps";
import { approvalInForce, createRun, finishRun, saveChecks, updateRunProgress } from "./store";
import { OwnerFacingError, type CheckResult, type ProgressReporter, type StepOutcome } from "./types";

/**
 * A step's run: started under the lease after the order and the step's own preconditions
 * hold, its progress reported, and its end recorded with its checks, evidence, the approvals
 * it revokes and its audit entry in one transaction.
 */
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
  const lease = await takeLease(ctx, actor, stepId, action);
  let runId: number;
  try {
    assertNotLocked(await getStepStatusOrThrow(ctx, stepId));
    try {
      await input.precondition?.();
    } catch (error) {
      if (error instanceof OwnerFacingError) throw new WorkflowRefusal(error.message, error.code);
      throw error;
    }
    runId = await controlTransaction(ctx.db, async (tx) => {
      const run = await createRun(tx, { step: stepId, action, actor, leaseHolder: lease.holder });
      await appendAudit(tx, { actor, step: stepId, action, outcome: "started", detail: { runId: run.id } });
      return run.id;
    });
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

async function executeRun(ctx: AppContext, runId: number, input: RunInput): Promise<RunResult> {
  const tracker = createProgressTracker();
  let lastWrite = 0;
  const report: ProgressReporter = (progress) => {
    const snapshot = tracker(progress);
    if (Date.now() - lastWrite < 300 && progress.done < progress.total) return;
    lastWrite = Date.now();
    void updateRunProgress(ctx.db, runId, JSON.stringify(snapshot)).catch(() => undefined);
  };
  let outcome: StepOutcome;
  try {
    outcome = await input.execute(report);
  } catch (error) {
    throw await recordFailure(ctx, runId, input, error);
  }
  return recordOutcome(ctx, runId, input, outcome);
}

async function recordFailure(ctx: AppContext, runId: number, { stepId, action, actor }: RunInput, error: unknown) {
  const message = error instanceof OwnerFacingError ? error.message : describeError(error);
  // A cancel the engine honoured is the owner's choice, not a failure; the step still has nothing to approve.
  const cancelled = error instanceof OwnerFacingError && error.code === "cancelled";
  const revoked = await controlTransaction(ctx.db, async (tx) => {
    await finishRun(tx, runId, { status: cancelled ? "cancelled" : "failed", error: message });
    const revoked = await revokeApprovalsFrom(
      tx,
      stepId,
      `a new run of ${stepName(stepId)} (run #${runId}) ${cancelled ? "was cancelled" : "failed"}`,
      actor,
    );
    await appendAudit(tx, {
      actor,
      step: stepId,
      action,
      outcome: cancelled ? "cancelled" : "failed",
      detail: { runId, error: message },
    });
    return revoked;
  });
  return Object.assign(new OwnerFacingError(message, "run-failed"), { runId, revoked });
}

async function recordOutcome(
  ctx: AppContext,
  runId: number,
  { stepId, action, actor }: RunInput,
  outcome: StepOutcome,
): Promise<RunResult> {
  const passed = outcome.checks.every((check) => check.ok || check.waivable);
  const evidenceHash = evidenceHashOf(outcome);
  const revoked = await controlTransaction(ctx.db, async (tx) => {
    await saveChecks(tx, runId, outcome.checks);
    await finishRun(tx, runId, {
      status: passed ? "passed" : "failed",
      evidence: JSON.stringify(outcome.evidence),
      evidenceHash,
    });
    const approved = await approvalInForce(tx, stepId);
    const revoked =
      approved && approved.evidenceHash !== evidenceHash
        ? await revokeApprovalsFrom(tx, stepId, `run #${runId} of ${stepName(stepId)} produced new evidence`, actor)
        : [];
    await appendAudit(tx, {
      actor,
      step: stepId,
      action,
      outcome: passed ? "ok" : "failed",
      detail: { runId, evidenceHash, failedChecks: outcome.checks.filter((c) => !c.ok).map((c) => c.name) },
    });
    return revoked;
  });
  return { runId, status: passed ? "passed" : "failed", checks: outcome.checks, revoked };
}
