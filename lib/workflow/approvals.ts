import "server-only";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { controlTransaction, type ControlTx } from "../control/control-db";
import { assertNotLocked, getStepStatusOrThrow, refuse, withWorkflowLease, WorkflowRefusal } from "./core";
import { stepsAfter, type StepId } from "./steps";
import { approvalsNotRevoked, createApproval, latestRun, revokeApproval } from "./store";
import type { CheckResult } from "./types";

/**
 * Approving a step and revoking approvals. Each is one control-DB transaction with its audit
 * entries, so no approval exists without its entry and no revocation is half done.
 */
export type ApproveInput = { stepId: StepId; actor: string; note?: string };

export async function approveStep(ctx: AppContext, input: ApproveInput, gate?: () => Promise<CheckResult[]>) {
  const { stepId, actor } = input;
  const note = input.note?.trim() || undefined;
  try {
    return await withWorkflowLease(ctx, actor, stepId, "approve", async () => {
      const status = await getStepStatusOrThrow(ctx, stepId);
      assertNotLocked(status);
      const run = status.lastRun;
      if (status.state === "approved") throw new WorkflowRefusal(`Step "${status.title}" is already approved.`, "noop");
      if (status.state !== "passed" || !run?.evidenceHash) {
        throw new WorkflowRefusal(
          `Refused: step "${status.title}" has nothing to approve (it is ${status.state}). Run it until its checks pass.`,
          "not-passed",
        );
      }
      if (run.waivableFailures > 0 && !note) {
        throw new WorkflowRefusal(
          `Refused: a check of step "${status.title}" failed that only a recorded reason can waive; approve with a note saying why.`,
          "note-required",
        );
      }
      // Gates may read the sources for seconds: outside the transaction, which then re-checks the run.
      const gateChecks = gate ? await gate() : [];
      const failed = gateChecks.filter((check) => !check.ok);
      if (failed.length > 0) {
        throw new WorkflowRefusal(
          `Refused: ${failed.map((check) => `${check.name}: ${check.detail}`).join("; ")}`,
          "gate",
        );
      }
      return controlTransaction(ctx.db, async (tx) => {
        const still = await latestRun(tx, stepId);
        if (still?.id !== run.id || still.evidenceHash !== run.evidenceHash) {
          throw new WorkflowRefusal(
            `Refused: step "${status.title}" ran again meanwhile; look at its new checks, then approve.`,
            "changed",
          );
        }
        const approval = await createApproval(tx, {
          step: stepId,
          runId: run.id,
          evidenceHash: run.evidenceHash!,
          actor,
          note: note ?? null,
        });
        await appendAudit(tx, {
          actor,
          step: stepId,
          action: "approve",
          outcome: "approved",
          detail: { runId: run.id, evidenceHash: run.evidenceHash, note, gate: gateChecks },
        });
        return approval;
      });
    });
  } catch (error) {
    if (error instanceof WorkflowRefusal) throw await refuse(ctx, actor, stepId, "approve", error);
    throw error;
  }
}

/**
 * Revokes the approvals of `from` and every later step, inside the caller's transaction, one
 * audit entry each; returns the revoked steps. `reason` is the owner's sentence for why
 * (the panel shows it at the top until the step is approved again).
 */
export async function revokeApprovalsFrom(tx: ControlTx, from: StepId, reason: string, actor: string) {
  const revoked: StepId[] = [];
  for (const approval of await approvalsNotRevoked(tx, [from, ...stepsAfter(from)])) {
    if (!(await revokeApproval(tx, approval.id, reason))) continue;
    revoked.push(approval.step as StepId);
    await appendAudit(tx, { actor, step: approval.step, action: "approval", outcome: "revoked", detail: { reason } });
  }
  return revoked;
}
