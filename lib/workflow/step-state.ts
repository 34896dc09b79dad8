import { STEPS, type StepId } from "./steps";

/**
 * Derives each step's state from stored facts. Pure, so the rules can be read and tested on
 * their own: a step is locked until every earlier step is approved; otherwise its latest run
 * and its active approval decide.
 */
export type StepState = "locked" | "ready" | "running" | "failed" | "passed" | "approved";

export type RunFact = {
  id: number;
  status: "running" | "passed" | "failed" | "interrupted" | "cancelled";
  finishedAt: string | null;
  startedAt: string;
  evidenceHash: string | null;
  /** failing checks the owner may waive with a recorded reason */
  waivableFailures: number;
};

export type ApprovalFact = { id: number; runId: number; evidenceHash: string; approvedAt: string };

export type StepFacts = {
  latestRun?: RunFact;
  /** the latest run that passed its checks (what an approval approves) */
  latestPassedRun?: RunFact;
  activeApproval?: ApprovalFact;
};

export type StepStatus = {
  id: StepId;
  number: number;
  title: string;
  state: StepState;
  /** the earlier step that must be approved first */
  blockedBy?: StepId;
  /** one line for the owner on why the step is where it is */
  reason: string;
  approvedAt?: string;
  lastRun?: RunFact;
};

export function deriveStepStatuses(facts: Partial<Record<StepId, StepFacts>>): StepStatus[] {
  const statuses: StepStatus[] = [];
  let firstUnapproved: { id: StepId; title: string } | undefined;
  for (const step of STEPS) {
    const fact = facts[step.id] ?? {};
    const base = { id: step.id, number: step.number, title: step.title, lastRun: fact.latestRun };
    if (firstUnapproved) {
      statuses.push({
        ...base,
        state: "locked",
        blockedBy: firstUnapproved.id,
        reason: `Locked until step "${firstUnapproved.title}" is approved.`,
      });
      continue;
    }
    const status = ownState(fact);
    statuses.push({ ...base, ...status });
    if (status.state !== "approved") firstUnapproved = { id: step.id, title: step.title };
  }
  return statuses;
}

function ownState(fact: StepFacts): Pick<StepStatus, "state" | "reason" | "approvedAt"> {
  const { latestRun, activeApproval } = fact;
  if (latestRun?.status === "running") return { state: "running", reason: "An action of this step is running." };
  if (activeApproval && latestRun?.evidenceHash === activeApproval.evidenceHash) {
    return { state: "approved", reason: "Approved.", approvedAt: activeApproval.approvedAt };
  }
  if (!latestRun) return { state: "ready", reason: "Ready: the checks of this step have not run yet." };
  if (latestRun.status === "passed") {
    return latestRun.waivableFailures > 0
      ? { state: "passed", reason: "Checks passed except one the owner must explain before approving." }
      : { state: "passed", reason: "All checks green: waiting for the owner's approval." };
  }
  if (latestRun.status === "interrupted")
    return { state: "failed", reason: "The last run was interrupted; run it again." };
  if (latestRun.status === "cancelled") {
    return { state: "failed", reason: "The last run was cancelled; run it again to resume where it stopped." };
  }
  return { state: "failed", reason: "The last run failed; see its checks." };
}
