import "server-only";
import type { AppContext } from "@/lib/app-context";
import type { RollbackDelta } from "@/lib/cutover/flip-snapshot";
import { readFlipState, type FlipState } from "@/lib/cutover/flip-state";
import { readFreezeWindow, type OpenFreezeWindow } from "@/lib/cutover/freeze-window";
import { cutoverGateChecks } from "@/lib/cutover/gate";
import { previewRollback } from "@/lib/cutover/rollback";
import { latestScanReview, type ScanReview } from "@/lib/cutover/scan-review";
import { FLIP_PHRASE, FLIP_SWITCHES, ROLLBACK_PHRASE, SWITCHED_PHRASE } from "@/lib/cutover/switches";
import { latestDrillRun, type StoredDrillRun } from "@/lib/drill/drill-run";
import { describeTarget } from "@/lib/target/connect";
import { resolveTargetUrl } from "@/lib/target/target-url";
import { approvalInForce } from "@/lib/workflow/store";
import type { CheckResult } from "@/lib/workflow/types";

/** What step 5's page shows, read at request time: every sentence on it comes from here. */
export type CutoverView = {
  target: string;
  checks: CheckResult[];
  window: OpenFreezeWindow | null;
  drill: StoredDrillRun | null;
  scan: ScanReview | null;
  flip: FlipState | null;
  /** the rollback's delta while a flip is active and step 6 is not approved; the problem if it could not be read */
  rollback: { delta: RollbackDelta } | { problem: string } | null;
  dashboardUrl: string | null;
  /** step 6 is approved: the migration is complete and every action here is refused */
  complete: boolean;
  phrases: { flip: string; switched: string; rollback: string };
  switches: typeof FLIP_SWITCHES;
};

export async function loadCutoverView(ctx: AppContext): Promise<CutoverView> {
  const databaseUrl = await resolveTargetUrl(ctx);
  const target = describeTarget(databaseUrl);
  const flip = await readFlipState(ctx);
  let rollback: CutoverView["rollback"] = null;
  const complete = Boolean(await approvalInForce(ctx.db, "archive"));
  if (flip?.active && !complete) {
    rollback = await previewRollback(ctx, databaseUrl).then(
      ({ delta }) => ({ delta }),
      (error: Error) => ({ problem: error.message }),
    );
  }
  return {
    target,
    // a page view reads no source file: the freeze window shows its last proof
    checks: await cutoverGateChecks(ctx, target, { prove: false }),
    window: await readFreezeWindow(ctx),
    drill: await latestDrillRun(ctx.db),
    scan: await latestScanReview(ctx),
    flip,
    rollback,
    dashboardUrl: ctx.env.dashboardUrl ?? null,
    complete,
    phrases: { flip: FLIP_PHRASE, switched: SWITCHED_PHRASE, rollback: ROLLBACK_PHRASE },
    switches: FLIP_SWITCHES,
  };
}
