import "server-only";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { controlTransaction } from "../control/control-db";
import type { StepId } from "./steps";
import { findOwnerFact, upsertOwnerFact } from "./store";

/**
 * The workflow core: everything that changes a step's state goes through here, under the
 * lease, and leaves an audit entry — refusals included. The parts live beside this file
 * (core, approvals, runs); this module is what the rest of the app imports.
 */
export { getStepStatuses, getStepStatusOrThrow, withWorkflowLease, WorkflowRefusal } from "./core";
export { approveStep, revokeApprovalsFrom, type ApproveInput } from "./approvals";
export { evidenceHashOf, runStepAction, startStepRun, type RunInput, type RunResult } from "./runs";

/** Records something only the owner can state (e.g. "processing is stopped"), with its audit entry. */
export async function recordOwnerFact(ctx: AppContext, key: string, value: unknown, actor: string, step?: StepId) {
  await controlTransaction(ctx.db, async (tx) => {
    await upsertOwnerFact(tx, key, value, actor);
    await appendAudit(tx, { actor, step, action: `record ${key}`, outcome: "ok", detail: { value } });
  });
}

export async function readOwnerFact<T>(
  ctx: AppContext,
  key: string,
): Promise<{ value: T; updatedAt: string; updatedBy: string } | undefined> {
  const fact = await findOwnerFact(ctx.db, key);
  return fact
    ? { value: JSON.parse(fact.value) as T, updatedAt: fact.updatedAt, updatedBy: fact.updatedBy }
    : undefined;
}
