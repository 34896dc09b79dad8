import "server-only";
import type { AppContext } from "../app-context";
import { phraseCheck } from "../review/approval-phrase";
import { reviewGateChecks } from "../review/review-gate";
import { approveStep, type ApproveInput } from "../workflow/workflow";
import { backupApprovalGate } from "./backup-step";
import type { CheckResult } from "../workflow/types";
import type { StepId } from "../workflow/steps";

/**
 * Checks a step re-runs at the moment of approval (e.g. the backup's freeze proof). Steps
 * register theirs here as their engines land; the UI and the CLI both approve through this.
 */
const APPROVAL_GATES: Partial<Record<StepId, (ctx: AppContext) => Promise<CheckResult[]>>> = {
  backup: backupApprovalGate,
  copy: reviewGateChecks,
};

/** `confirmation`: the phrase the owner typed, for steps that ask for one (lib/review/approval-phrase). */
export async function approveStepWithGate(ctx: AppContext, input: ApproveInput & { confirmation?: string }) {
  const gate = APPROVAL_GATES[input.stepId];
  const typed = phraseCheck(input.stepId, input.confirmation);
  if (!gate && !typed) return approveStep(ctx, input);
  return approveStep(ctx, input, async () => [...(typed ? [typed] : []), ...(gate ? await gate(ctx) : [])]);
}
