"use server";

import { z } from "zod";
import { ownerAction } from "@/app/_lib/owner-action";
import { simulateNas } from "@/lib/demo/simulate-nas";
import { archiveDualWriteOff, archiveRunInput, moveOriginalsAside } from "@/lib/steps/archive-step";
import { cancelRunningStep, startCancellableRun } from "@/lib/steps/run-cancel";
import { openWriteGuard } from "@/lib/steps/write-guard";
import { resolveTargetUrl } from "@/lib/target/target-url";

const offSchema = z.object({
  mode: z.literal("off", { error: "Invalid request." }),
  confirmed: z.literal("on", { error: "Tick the box to confirm that the NAS's switches are set." }),
});

export const archiveDualWriteOffAction = ownerAction(offSchema, async (_input, { ctx, actor }) => {
  const { changed, state } = await archiveDualWriteOff(ctx, await resolveTargetUrl(ctx), actor);
  return {
    message: changed ? `Recorded: dual write off at ${state.since}.` : "Dual write was already off; nothing changed.",
  };
});

const stepSchema = z.object({ step: z.literal("archive", { error: "Invalid request." }) });

export const openWindowAction = ownerAction(stepSchema, async (_input, { ctx, actor }) => {
  const window = await openWriteGuard(ctx, await resolveTargetUrl(ctx), actor);
  return { message: `Write-guard window opened at ${window.openedAt}. Let the NAS process a video, then archive.` };
});

/** Starts the run and answers at once; the page polls its progress. The core refuses when not allowed. */
export const runArchiveAction = ownerAction(stepSchema, async (_input, { ctx, actor }) => {
  const databaseUrl = await resolveTargetUrl(ctx);
  const { runId } = await startCancellableRun(ctx, (signal) => archiveRunInput(ctx, databaseUrl, actor, { signal }));
  return { message: `Archive run #${runId} started.` };
});

export const cancelArchiveAction = ownerAction(stepSchema, async (_input, { ctx, actor }) =>
  cancelRunningStep(ctx, "archive", actor),
);

const moveSchema = z.object({ confirmation: z.string({ error: "Type the phrase." }).max(200) });

export const moveAsideAction = ownerAction(moveSchema, async ({ confirmation }, { ctx, actor }) => {
  const { moved, ownerMustRemove } = await moveOriginalsAside(ctx, actor, confirmation);
  const files = moved.flatMap((m) => m.moved.files.map((f) => f.from));
  return {
    message:
      `Moved aside: ${files.join(", ") || "nothing local"}.` +
      (ownerMustRemove.length > 0 ? ` Still to do on the host: ${ownerMustRemove.map((r) => r.url).join(", ")}.` : ""),
  };
});

/** Demo pair only: the NAS, past the cutover, processes a video into PostgreSQL (the server refuses with real sources). */
export const simulateProcessAction = ownerAction(stepSchema, async (_input, { ctx, actor }) => {
  const result = await simulateNas(ctx, await resolveTargetUrl(ctx), "process", actor);
  return { message: `${result.message} The archive run checks that PostgreSQL received it.` };
});
