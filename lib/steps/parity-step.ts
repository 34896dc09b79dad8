import "server-only";
import type { AppContext } from "@/lib/app-context";
import { countOf } from "@/lib/common/plural";
import { parityGateChecks } from "@/lib/parity/gate";
import { runParity, type ParityResult } from "@/lib/parity/run-parity";
import { ensureDemoPair, liveSourcesOf } from "@/lib/sources/source-paths";
import { readDualWrite } from "@/lib/parity/dual-write";
import { describeTarget } from "@/lib/target/connect";
import type { RunInput } from "@/lib/workflow/workflow";
import { latestRun } from "@/lib/workflow/store";
import { assertSchemaApprovedForTarget } from "./schema-step";

/**
 * Step 4 (Parity) for the workflow core: a run compares the live sources with the target
 * (lib/parity) and its checks are the step's gate, evaluated over the runs recorded so far.
 * The order is the core's: refused while step 3 is not approved.
 */
export const PARITY_ACTION = "parity";

export function parityRunInput(
  ctx: AppContext,
  databaseUrl: string,
  actor: string,
  options: { signal?: AbortSignal; onResult?: (result: ParityResult) => void } = {},
): RunInput {
  return {
    stepId: "parity",
    action: PARITY_ACTION,
    actor,
    precondition: () => assertSchemaApprovedForTarget(ctx, databaseUrl),
    execute: async (report) => {
      ensureDemoPair(ctx.env, ctx.paths);
      const dualWrite = await readDualWrite(ctx);
      // Under the lease the running run of this step is this one: its number is the one the owner sees.
      const stepRun = await latestRun(ctx.db, "parity", "running");
      const result = await runParity({
        db: ctx.db,
        controlDbFile: ctx.paths.controlDb,
        databaseUrl,
        live: liveSourcesOf(ctx.env, ctx.paths),
        dualWriteSince: dualWrite?.enabled ? dualWrite.since : null,
        stepRunId: stepRun?.id,
        onProgress: report,
        signal: options.signal,
      });
      options.onResult?.(result);
      const open = result.differences.filter((d) => !d.accepted);
      const checks = [
        {
          name: "This run clean",
          ok: open.length === 0,
          detail: `${countOf(result.checked, "video")} compared; ${countOf(open.length, "open difference")}${
            result.differences.length > open.length ? `, ${result.differences.length - open.length} accepted` : ""
          }`,
          evidence: { counts: result.counts },
        },
        ...(await parityGateChecks(ctx, describeTarget(databaseUrl))),
      ];
      return {
        checks,
        evidence: {
          parityRunId: result.runId,
          parityLog: result.parityLogId,
          counts: result.counts,
          checked: result.checked,
        },
      };
    },
  };
}

/** The gate again at approval, on the target of the latest run: dual write and remedies may have changed since. */
export async function parityApprovalGate(ctx: AppContext) {
  const latest = await ctx.db.parityRun.findFirst({ where: { status: "finished" }, orderBy: { id: "desc" } });
  return parityGateChecks(ctx, latest?.target ?? "");
}
