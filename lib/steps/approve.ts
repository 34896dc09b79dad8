import "server-only";
import type { AppContext } from "../app-context";
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
};

export async function approveStepWithGate(ctx: AppContext, input: ApproveInput) {
  const gate = APPROVAL_GATES[input.stepId];
  return approveStep(ctx, input, gate ? () => gate(ctx) : undefined);
}
