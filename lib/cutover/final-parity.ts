import "server-only";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import { controlTransaction } from "@/lib/control/control-db";
import { readDualWrite } from "@/lib/parity/dual-write";
import { runParity, type ParityResult } from "@/lib/parity/run-parity";
import { acceptedIdentities } from "@/lib/parity/store";
import { liveSourcesOf } from "@/lib/sources/source-paths";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { withWorkflowLease } from "@/lib/workflow/workflow";
import { checkFreezeWindow, readFreezeWindow } from "./freeze-window";

/**
 * The final parity run inside the freeze window: the parity engine of step 4, run as an action
 * of step 5 (not as a run of step 4, which would produce new evidence and revoke its approval).
 */
export async function runFinalParity(
  ctx: AppContext,
  databaseUrl: string,
  actor: string,
  onProgress?: ProgressReporter,
): Promise<ParityResult> {
  return withWorkflowLease(
    ctx,
    actor,
    "cutover",
    "final parity",
    async () => {
      const window = await readFreezeWindow(ctx);
      if (!window)
        throw new OwnerFacingError(
          "Refused: open the freeze window first (npx cutover freeze --processing-stopped); the final parity run belongs inside it.",
        );
      const dualWrite = await readDualWrite(ctx);
      const result = await runParity({
        db: ctx.db,
        controlDbFile: ctx.paths.controlDb,
        databaseUrl,
        live: liveSourcesOf(ctx.env, ctx.paths),
        dualWriteSince: dualWrite?.enabled ? dualWrite.since : null,
        onProgress,
      });
      // the run read both files anyway: the window's proof is renewed with it
      await checkFreezeWindow(ctx, window);
      await controlTransaction(ctx.db, (tx) =>
        appendAudit(tx, {
          actor,
          step: "cutover",
          action: "final parity",
          outcome: result.clean ? "ok" : "failed",
          detail: { parityRun: result.runId, checked: result.checked, differences: result.differences.length },
        }),
      );
      return result;
    },
    { requireOpen: true },
  );
}

export type FinalParity = { runId: number; startedAt: string; checked: number; open: number } | null;

/** The latest finished parity run on this target that started after the window opened. */
export async function finalParityOf(ctx: AppContext, target: string, windowOpenedAt: string): Promise<FinalParity> {
  const run = await ctx.db.parityRun.findFirst({
    where: { target, status: "finished", startedAt: { gt: windowOpenedAt } },
    orderBy: { id: "desc" },
    include: { found: { select: { identity: true } } },
  });
  if (!run) return null;
  const accepted = await acceptedIdentities(ctx.db, target);
  const open = new Set(run.found.filter((d) => !accepted.has(d.identity)).map((d) => d.identity)).size;
  return { runId: run.id, startedAt: run.startedAt, checked: run.checked, open };
}
