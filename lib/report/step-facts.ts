import "server-only";
import type { ControlDb } from "../control/control-db";
import { getStepStatuses } from "../workflow/workflow";
import { STEPS, type StepId } from "../workflow/steps";
import { approvalInForce, checksOfRun, findRun, latestRunWithEvidence } from "../workflow/store";
import type { ApprovalFacts, StepFacts } from "./types";
import type { AppContext } from "../app-context";

/** Each step's state, the evidence it stands on (or would be approved on) and every approval it had. */
export async function loadStepFacts(ctx: AppContext): Promise<StepFacts[]> {
  const statuses = await getStepStatuses(ctx);
  return Promise.all(
    STEPS.map(async (step) => {
      const status = statuses.find((s) => s.id === step.id)!;
      return {
        id: step.id,
        number: step.number,
        title: step.title,
        gate: step.gate,
        state: status.state,
        reason: status.reason,
        evidenceRun: await evidenceRun(ctx.db, step.id),
        approvals: await approvals(ctx.db, step.id),
      };
    }),
  );
}

async function evidenceRun(db: ControlDb, step: StepId): Promise<StepFacts["evidenceRun"]> {
  const inForce = await approvalInForce(db, step);
  const run = inForce ? await findRun(db, inForce.runId) : await latestRunWithEvidence(db, step);
  if (!run) return null;
  const checks = await checksOfRun(db, run.id);
  return {
    id: run.id,
    action: run.action,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    evidenceHash: run.evidenceHash,
    checks: checks.map(({ name, ok, waivable, detail }) => ({ name, ok, waivable, detail })),
  };
}

async function approvals(db: ControlDb, step: StepId): Promise<ApprovalFacts[]> {
  const rows = await db.approval.findMany({ where: { step }, orderBy: { id: "asc" } });
  return rows.map((a) => ({
    id: a.id,
    runId: a.runId,
    actor: a.actor,
    approvedAt: a.approvedAt,
    note: a.note,
    evidenceHash: a.evidenceHash,
    inForce: a.revokedAt === null,
    revokedAt: a.revokedAt,
    revokedReason: a.revokedReason,
  }));
}
