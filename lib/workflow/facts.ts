import "server-only";
import type { ControlDb } from "../control/control-db";
import { currentLeaseHolder } from "./lease";
import type { ApprovalFact, RunFact, StepFacts } from "./step-state";
import { STEP_IDS, type StepId } from "./steps";

type RunRow = Awaited<ReturnType<ControlDb["stepRun"]["findFirst"]>> & {};

export function toRunFact(run: RunRow, waivableFailures: number): RunFact {
  return {
    id: run.id,
    status: run.status as RunFact["status"],
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    evidenceHash: run.evidenceHash,
    waivableFailures,
  };
}

/**
 * A run still marked "running" whose lease is gone belongs to a process that died (crash,
 * kill -9). Marking it interrupted is a conditional write, so a live run is never touched.
 */
export async function markInterruptedRuns(db: ControlDb): Promise<number> {
  const running = await db.stepRun.findMany({ where: { status: "running" } });
  if (running.length === 0) return 0;
  const liveHolder = await currentLeaseHolder(db);
  let marked = 0;
  for (const run of running) {
    if (run.leaseHolder && run.leaseHolder === liveHolder) continue;
    const result = await db.stepRun.updateMany({
      where: { id: run.id, status: "running" },
      data: { status: "interrupted", finishedAt: new Date().toISOString(), error: "The process running it stopped." },
    });
    marked += result.count;
  }
  return marked;
}

export async function loadStepFacts(db: ControlDb): Promise<Record<StepId, StepFacts>> {
  await markInterruptedRuns(db);
  const facts = {} as Record<StepId, StepFacts>;
  for (const step of STEP_IDS) {
    const [latest, latestPassed, approval] = await Promise.all([
      db.stepRun.findFirst({ where: { step }, orderBy: { id: "desc" } }),
      db.stepRun.findFirst({ where: { step, status: "passed" }, orderBy: { id: "desc" } }),
      db.approval.findFirst({ where: { step, revokedAt: null }, orderBy: { id: "desc" } }),
    ]);
    const waivable = async (runId: number) => db.checkRecord.count({ where: { runId, ok: false, waivable: true } });
    facts[step] = {
      latestRun: latest ? toRunFact(latest, await waivable(latest.id)) : undefined,
      latestPassedRun: latestPassed ? toRunFact(latestPassed, await waivable(latestPassed.id)) : undefined,
      activeApproval: approval
        ? ({
            id: approval.id,
            runId: approval.runId,
            evidenceHash: approval.evidenceHash,
            approvedAt: approval.approvedAt,
          } satisfies ApprovalFact)
        : undefined,
    };
  }
  return facts;
}
