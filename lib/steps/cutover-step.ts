import "server-only";
import type { AppContext } from "@/lib/app-context";
import { cutoverGateChecks } from "@/lib/cutover/gate";
import { readFlipState } from "@/lib/cutover/flip-state";
import { readFreezeWindow } from "@/lib/cutover/freeze-window";
import { describeTarget } from "@/lib/target/connect";
import type { RunInput } from "@/lib/workflow/workflow";

/**
 * Step 5 (Cutover) for the workflow core: its run checks the gate as it stands — freeze window
 * held, final parity clean, drill passed after step 4's approval, scan settled, flipped and
 * verified — and the approval checks it again. The core refuses it while step 4 is not approved.
 */
export const CUTOVER_ACTION = "check";

export function cutoverRunInput(ctx: AppContext, databaseUrl: string, actor: string): RunInput {
  return {
    stepId: "cutover",
    action: CUTOVER_ACTION,
    actor,
    execute: async () => {
      const checks = await cutoverGateChecks(ctx, describeTarget(databaseUrl));
      return { checks, evidence: Object.fromEntries(checks.map((c) => [c.name, c.evidence ?? c.detail])) };
    },
  };
}

/**
 * The gate again at approval, on the target the flip (else the freeze window) was recorded for.
 * `reuse` (the panel asking whether to offer Approve) shows the freeze window's last proof; the
 * approval itself proves it afresh.
 */
export async function cutoverApprovalGate(ctx: AppContext, options: { reuse?: boolean } = {}) {
  const target = (await readFlipState(ctx))?.target ?? (await readFreezeWindow(ctx))?.target ?? "";
  return cutoverGateChecks(ctx, target, { prove: !options.reuse });
}
