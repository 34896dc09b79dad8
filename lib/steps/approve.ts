import "server-only";
import type { AppContext } from "../app-context";
import { APPROVAL_PHRASES, phraseCheck } from "../review/approval-phrase";
import { reviewGateChecks } from "../review/review-gate";
import type { StepStatus } from "../workflow/step-state";
import { approveStep, type ApproveInput } from "../workflow/workflow";
import { backupApprovalGate, keepApprovalFreezeProof } from "./backup-step";
import { sourcesWitness } from "./freeze-witness";
import { parityApprovalGate } from "./parity-step";
import { archiveApprovalGate } from "./archive-step";
import { cutoverApprovalGate } from "./cutover-step";
import type { CheckResult } from "../workflow/types";
import type { StepId } from "../workflow/steps";

/**
 * Checks a step re-runs at the moment of approval (e.g. the backup's freeze proof). Steps
 * register theirs here as their engines land; the UI and the CLI both approve through this,
 * and the panel asks the same gate whether to offer Approve at all.
 */
export type GateCheck = CheckResult & { href?: string; summary?: string };
type Gate = (ctx: AppContext, options: { reuse?: boolean }) => Promise<GateCheck[]>;

const APPROVAL_GATES: Partial<Record<StepId, Gate>> = {
  backup: backupApprovalGate,
  copy: (ctx) => reviewGateChecks(ctx),
  parity: (ctx) => parityApprovalGate(ctx),
  archive: (ctx, options) => archiveApprovalGate(ctx, options),
  cutover: (ctx, options) => cutoverApprovalGate(ctx, options),
};

/** `confirmation`: the phrase the owner typed, for steps that ask for one (lib/review/approval-phrase). */
export async function approveStepWithGate(ctx: AppContext, input: ApproveInput & { confirmation?: string }) {
  const gate = APPROVAL_GATES[input.stepId];
  const typed = phraseCheck(input.stepId, input.confirmation);
  if (!gate && !typed) return approveStep(ctx, input);
  const before = input.stepId === "backup" ? sourcesWitness(ctx) : null;
  const approval = await approveStep(ctx, input, async () => [
    ...(typed ? [typed] : []),
    ...(gate ? await gate(ctx, {}) : []),
  ]);
  if (input.stepId === "backup") await keepApprovalFreezeProof(ctx, before);
  return approval;
}

/**
 * Whether the server would accept an approval now, for the panel to offer Approve only then.
 * `blocked` lists what is still missing: the step's state, or its gate's open conditions
 * (what the owner types — the note, the phrase — is the form's part, not a blocker).
 */
export type ApprovalOffer =
  | { kind: "offered"; noteRequired: boolean; phrase?: string }
  | { kind: "approved" }
  | { kind: "blocked"; reason: string; missing: GateCheck[] };

export async function approvalOffer(ctx: AppContext, status: StepStatus): Promise<ApprovalOffer> {
  if (status.state === "approved") return { kind: "approved" };
  if (status.state !== "passed") return { kind: "blocked", reason: status.reason, missing: [] };
  const gate = APPROVAL_GATES[status.id];
  const missing = gate ? (await gate(ctx, { reuse: true })).filter((check) => !check.ok) : [];
  if (missing.length > 0) {
    return { kind: "blocked", reason: "The checks passed, but approval waits for:", missing };
  }
  return {
    kind: "offered",
    noteRequired: (status.lastRun?.waivableFailures ?? 0) > 0,
    phrase: APPROVAL_PHRASES[status.id],
  };
}
