"use server";

import { z } from "zod";
import { countOf } from "@/lib/common/plural";
import { ownerAction } from "@/app/_lib/owner-action";
import { runFinalParity } from "@/lib/cutover/final-parity";
import { flip, verifyFlip } from "@/lib/cutover/flip";
import { openFreezeWindow } from "@/lib/cutover/freeze-window";
import { rollback } from "@/lib/cutover/rollback";
import { acknowledgeFinding, recordScan } from "@/lib/cutover/scan-review";
import { drillAction } from "@/lib/drill/drill-run";
import { cutoverRunInput } from "@/lib/steps/cutover-step";
import { resolveTargetUrl } from "@/lib/target/target-url";
import { runStepAction } from "@/lib/workflow/workflow";

/** Step 5's panel actions: each is the core's (lib/cutover), refused (one line) while step 4 is not approved. */
const none = z.object({});

export const freezeAction = ownerAction(none, async (_input, { ctx, actor }) => {
  const window = await openFreezeWindow(ctx, await resolveTargetUrl(ctx), actor);
  return {
    message: `Freeze window opened: both live files fingerprinted; freeze_processing recorded on ${window.target}.`,
  };
});

export const finalParityAction = ownerAction(none, async (_input, { ctx, actor }) => {
  const result = await runFinalParity(ctx, await resolveTargetUrl(ctx), actor);
  const open = result.differences.filter((d) => !d.accepted).length;
  return {
    message: `Final parity run ${result.runId}: ${countOf(result.checked, "video")} compared, ${countOf(open, "open difference")}.`,
  };
});

export const drillNowAction = ownerAction(none, async (_input, { ctx, actor }) => {
  const run = await drillAction(ctx, await resolveTargetUrl(ctx), actor);
  return { message: run.ok ? `Drill #${run.id} passed.` : `Drill #${run.id} failed; its checks are below.` };
});

export const scanAction = ownerAction(z.object({ dirs: z.string().optional() }), async ({ dirs }, { ctx, actor }) => {
  const named = (dirs ?? "")
    .split("\n")
    .map((d) => d.trim())
    .filter(Boolean);
  const review = await recordScan(ctx, actor, named);
  // the count of open findings changes with each acknowledgement: the check line above says it
  return { message: `Scan #${review.run.id} recorded: ${countOf(review.findings.length, "finding")}.` };
});

export const acknowledgeFindingAction = ownerAction(
  z.object({
    finding: z.string().regex(/^[0-9a-f]{8,64}$/, { error: "Invalid request." }),
    note: z.string({ error: "Write a note: why is this finding safe?" }),
  }),
  async ({ finding, note }, { ctx, actor }) => {
    const acknowledged = await acknowledgeFinding(ctx, finding, note, actor);
    return { message: `Acknowledged ${acknowledged.file}:${acknowledged.line} (${acknowledged.kind}).` };
  },
);

export const flipAction = ownerAction(
  z.object({ confirmation: z.string().optional() }),
  async (input, { ctx, actor }) => {
    const done = await flip(ctx, await resolveTargetUrl(ctx), actor, input.confirmation);
    return {
      message: `Flip ${done.state.flipId} recorded: read_from_postgres is on. Change the switches below, then verify.`,
    };
  },
);

/** Verifies the flip, then runs the step's checks so the page shows them and approval can be offered. */
export const verifyFlipAction = ownerAction(
  z.object({ confirmation: z.string().optional() }),
  async (input, { ctx, actor }) => {
    const databaseUrl = await resolveTargetUrl(ctx);
    const verified = await verifyFlip(ctx, databaseUrl, actor, { confirmation: input.confirmation, timeoutMs: 30_000 });
    const run = await runStepAction(ctx, cutoverRunInput(ctx, databaseUrl, actor));
    return {
      message: `Flip ${verified.flipId} verified; step 5's checks ${run.status === "passed" ? "passed" : "did not all pass"} (run #${run.runId}).`,
    };
  },
);

export const rollbackAction = ownerAction(
  z.object({ confirmation: z.string().optional() }),
  async (input, { ctx, actor }) => {
    const done = await rollback(ctx, await resolveTargetUrl(ctx), actor, input.confirmation);
    return {
      message: `Rolled back flip ${done.state.flipId}: read_from_postgres is off${done.revoked.length ? ", step 5's approval revoked" : ""}. Change the switches back as shown.`,
    };
  },
);
