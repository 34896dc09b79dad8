"use server";

import { z } from "zod";
import { ownerAction } from "@/app/_lib/owner-action";
import { SIMULATIONS, simulateNas } from "@/lib/demo/simulate-nas";
import { setDualWrite } from "@/lib/parity/dual-write";
import { acceptDifference, recopyRecord } from "@/lib/parity/remedies";
import { parityRunInput } from "@/lib/steps/parity-step";
import { cancelRunningStep, startCancellableRun } from "@/lib/steps/run-cancel";
import { resolveTargetUrl } from "@/lib/target/target-url";

const dualWriteSchema = z.object({
  mode: z.enum(["on", "off"], { error: "Invalid request." }),
  confirmed: z.literal("on", { error: "Tick the box to confirm that the NAS's switches are set." }),
});

export const dualWriteAction = ownerAction(dualWriteSchema, async ({ mode }, { ctx, actor }) => {
  const { changed, state } = await setDualWrite(ctx, await resolveTargetUrl(ctx), mode, actor);
  return {
    message: changed
      ? `Recorded: dual write ${mode} at ${state.since}.`
      : `Dual write was already ${mode}; nothing changed.`,
  };
});

const runSchema = z.object({ step: z.literal("parity", { error: "Invalid request." }) });

/** Starts the run and answers at once; the page polls its progress. The core refuses when not allowed. */
export const runParityAction = ownerAction(runSchema, async (_input, { ctx, actor }) => {
  const databaseUrl = await resolveTargetUrl(ctx);
  const { runId } = await startCancellableRun(ctx, (signal) => parityRunInput(ctx, databaseUrl, actor, { signal }));
  return { message: `Parity run #${runId} started.` };
});

export const cancelParityAction = ownerAction(runSchema, async (_input, { ctx, actor }) =>
  cancelRunningStep(ctx, "parity", actor),
);

const acceptSchema = z.object({
  differenceId: z.coerce.number().int().positive({ error: "Invalid request." }),
  note: z.string({ error: "Write a note saying why this difference is acceptable." }).max(2000),
});

export const acceptDifferenceAction = ownerAction(acceptSchema, async ({ differenceId, note }, { ctx, actor }) => {
  const accepted = await acceptDifference(ctx, differenceId, note, actor);
  return { message: `Accepted: ${accepted.videoId} ${accepted.kind}; the next parity run counts it as accepted.` };
});

const recopySchema = z.object({ videoId: z.string().min(1).max(200, { error: "Invalid request." }) });

export const recopyAction = ownerAction(recopySchema, async ({ videoId }, { ctx, actor }) => {
  const { result } = await recopyRecord(ctx, await resolveTargetUrl(ctx), videoId, actor);
  const words = {
    copied: "copied again from the live files",
    removed: "removed from PostgreSQL: neither file has it (or the merge leaves it out)",
    "unchanged-absent": "not in PostgreSQL and left out by the merge: nothing to do",
  }[result];
  return { message: `${videoId}: ${words}. Run parity again to see it clean.` };
});

const simulateSchema = z.object({ simulation: z.enum(SIMULATIONS, { error: "Invalid request." }) });

/** Demo pair only (the engine refuses otherwise): one simulated NAS or Dashboard action. */
export const simulateNasAction = ownerAction(simulateSchema, async ({ simulation }, { ctx, actor }) => {
  const result = await simulateNas(ctx, await resolveTargetUrl(ctx), simulation, actor);
  return { message: `${result.message} Run parity to compare.` };
});
