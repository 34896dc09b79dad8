import "server-only";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { loadStepFacts } from "./facts";
import { acquireLease, BusyError } from "./lease";
import { deriveStepStatuses, type StepStatus } from "./step-state";
import { approvalInForce } from "./store";
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

/** Like BusyError, audited once where it is raised (not a WorkflowRefusal, which callers audit again). */
export class MigrationCompleteError extends OwnerFacingError {
  override name = "MigrationCompleteError";
}

export const MIGRATION_COMPLETE_REFUSAL =
  "Refused: the migration is complete (step 6 is approved); nothing may change the target or the SQLite sources any more. The evidence report stays available.";

/**
 * Takes the lease for `action` of `step`; a second caller gets a BusyError, audited as a refusal.
 * Every action that changes the target, the sources or a step takes it, so the done state
 * (step 6 approved) is enforced here once for the panel and the CLI alike.
 */
export async function takeLease(ctx: AppContext, actor: string, step: StepId, action: string) {
  let lease;
  try {
    lease = await acquireLease(ctx.db, actionLabel(step, action));
  } catch (error) {
    if (error instanceof BusyError) throw await refuse(ctx, actor, step, action, error);
    throw error;
  }
  try {
    if (await approvalInForce(ctx.db, "archive")) {
      throw await refuse(
        ctx,
        actor,
        step,
        action,
        new MigrationCompleteError(MIGRATION_COMPLETE_REFUSAL, "migration-complete"),
      );
    }
  } catch (error) {
    await lease.release();
    throw error;
  }
  return lease;
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
