"use server";

import { z } from "zod";
import { ownerAction } from "@/app/_lib/owner-action";
import { countOf } from "@/lib/common/plural";
import { FINDING_KINDS } from "@/lib/shadow/findings";
import { acknowledgeShadow, runShadowStep } from "@/lib/shadow/shadow-step";
import { resolveTargetUrl } from "@/lib/target/target-url";

const runSchema = z.object({ step: z.literal("parity", { error: "Invalid request." }) });

/** Runs the shadow read and answers when it has been stored; refused (audited) until step 3 is approved or while another action runs. */
export const runShadowAction = ownerAction(runSchema, async (_input, { ctx, actor }) => {
  const databaseUrl = await resolveTargetUrl(ctx);
  const state = await runShadowStep(ctx, { databaseUrl, actor });
  return {
    message:
      state.total === 0
        ? `Shadow read #${state.run.id}: the Dashboard renders identically in both eras.`
        : `Shadow read #${state.run.id}: ${countOf(state.total, "finding")}, ${state.open} open; they are listed below by kind.`,
  };
});

const acknowledgeSchema = z.object({
  target: z.union([z.enum(FINDING_KINDS), z.string().regex(/^[0-9a-f]{32}$/)], { error: "Invalid request." }),
  note: z.string({ error: "Write a note: why is this difference acceptable?" }),
});

/** Acknowledges the latest run's open findings of a kind (or one finding) with the owner's note, audited. */
export const acknowledgeShadowAction = ownerAction(acknowledgeSchema, async (input, { ctx, actor }) => {
  const { acknowledged, state } = await acknowledgeShadow(ctx, { target: input.target, note: input.note, actor });
  return {
    message: `Acknowledged ${countOf(acknowledged, "finding")} of shadow read #${state.run.id}; ${state.open} still open.`,
  };
});
