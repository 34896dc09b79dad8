import "server-only";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { loadStepFacts } from "./facts";
import { acquireLease, BusyError } from "./lease";
import { deriveStepStatuses, type StepStatus } from "./step-state";
import { actionLabel, getStepOrThrow, type StepId } from "./steps";
import { OwnerFacingError } from "./types";

/**
 * What every state change of the workflow shares: the derived statuses, the lease, and
 * refusals, which are audited and change nothing else.
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

export async function refuse(
  ctx: AppContext,
  actor: string,
  step: StepId | null,
  action: string,
  error: OwnerFacingError,
) {
  await appendAudit(ctx.db, { actor, step, action, outcome: "refused", detail: { reason: error.message } });
  return error;
}

/** Takes the lease for `action` of `step`; a second caller gets a BusyError, audited as a refusal. */
export async function takeLease(ctx: AppContext, actor: string, step: StepId, action: string) {
  try {
    return await acquireLease(ctx.db, actionLabel(step, action));
  } catch (error) {
    if (error instanceof BusyError) throw await refuse(ctx, actor, step, action, error);
    throw error;
  }
}

/**
 * Runs `work` under the lease. Actions that change what a run reads (the owner's merge
 * decisions, the plan) take it too, so they never land in the middle of a copy. With
 * `requireOpen`, a locked step refuses first (audited), as every action of a step must.
 */
export async function withWorkflowLease<T>(
  ctx: AppContext,
  actor: string,
  step: StepId,
  action: string,
  work: () => Promise<T>,
  options: { requireOpen?: boolean } = {},
) {
  const lease = await takeLease(ctx, actor, step, action);
  try {
    if (options.requireOpen) {
      try {
        assertNotLocked(await getStepStatusOrThrow(ctx, step));
      } catch (error) {
        if (error instanceof WorkflowRefusal) throw await refuse(ctx, actor, step, action, error);
        throw error;
      }
    }
    return await work();
  } finally {
    await lease.release();
  }
}

export function assertNotLocked(status: StepStatus) {
  if (status.state === "locked") {
    const before = status.blockedBy ? getStepOrThrow(status.blockedBy) : undefined;
    throw new WorkflowRefusal(
      `Refused: step "${status.title}" is locked${before ? ` until step ${before.number} "${before.title}" is approved` : ""}.`,
      "locked",
    );
  }
}
