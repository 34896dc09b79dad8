"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ownerAction } from "@/app/_lib/owner-action";
import { createAppContext } from "@/lib/app-context";
import { verifyAuditLog } from "@/lib/audit/audit-log";
import { endOwnerSession } from "@/lib/auth/owner-session";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { approveStepWithGate } from "@/lib/steps/approve";
import { getStepOrThrow, STEP_IDS } from "@/lib/workflow/steps";
import { OwnerFacingError } from "@/lib/workflow/types";

const approveSchema = z.object({
  step: z.enum(STEP_IDS, { error: "Invalid request." }),
  note: z.string().max(2000, "Keep the note under 2000 characters.").optional(),
  confirmation: z.string().max(200, "The typed confirmation is too long.").optional(),
});

export const approveStepAction = ownerAction(approveSchema, async ({ step, note, confirmation }, { ctx, actor }) => {
  await approveStepWithGate(ctx, { stepId: step, actor, note, confirmation });
  const { number, title } = getStepOrThrow(step);
  return { message: `Step ${number} "${title}" approved.` };
});

export const verifyAuditChainAction = ownerAction(z.object({}), async (_input, { ctx }) => {
  const verdict = await verifyAuditLog(ctx.db);
  if (!verdict.ok) {
    throw new OwnerFacingError(`Chain broken at entry #${verdict.brokenAt}: ${verdict.reason}.`, "audit-broken");
  }
  return { message: `Chain intact: all ${verdict.entries} entries verified.` };
});

/** The session's own logic lives in lib/auth; this only hands it the cookie and leaves. */
export async function logoutAction() {
  const cookieStore = await cookies();
  await endOwnerSession(createAppContext(), cookieStore.get(SESSION_COOKIE)?.value);
  cookieStore.delete(SESSION_COOKIE);
  redirect("/login");
}
