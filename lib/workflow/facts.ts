import "server-only";
import type { ControlDb } from "../control/control-db";
import { currentLeaseHolder } from "./lease";
import type { ApprovalFact, RunFact, StepFacts } from "./step-state";
import { STEP_IDS, type StepId } from "./steps";
import {
  approvalInForce,
  countWaivableFailures,
  latestRun,
  markRunInterrupted,
  runsMarkedRunning,
  type StoredRun,
} from "./store";

export function toRunFact(run: StoredRun, waivableFailures: number): RunFact {
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
  const running = await runsMarkedRunning(db);
  if (running.length === 0) return 0;
  const liveHolder = await currentLeaseHolder(db);
  let marked = 0;
  for (const run of running) {
    if (run.leaseHolder && run.leaseHolder === liveHolder) continue;
    marked += await markRunInterrupted(db, run.id, "The process running it stopped.");
  }
  return marked;
}

export async function loadStepFacts(db: ControlDb): Promise<Record<StepId, StepFacts>> {
  await markInterruptedRuns(db);
  const facts = {} as Record<StepId, StepFacts>;
  for (const step of STEP_IDS) {
    const [latest, latestPassed, approval] = await Promise.all([
      latestRun(db, step),
      latestRun(db, step, "passed"),
      approvalInForce(db, step),
    ]);
    facts[step] = {
      latestRun: latest ? toRunFact(latest, await countWaivableFailures(db, latest.id)) : undefined,
      latestPassedRun: latestPassed
        ? toRunFact(latestPassed, await countWaivableFailures(db, latestPassed.id))
        : undefined,
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
