"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireOwnerAction } from "@/app/_lib/owner";
import { createAppContext } from "@/lib/app-context";
import { verifyAuditLog } from "@/lib/audit/audit-log";
import { endOwnerSession } from "@/lib/auth/owner-session";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { type ActionResult, toActionResult } from "@/lib/common/action-result";
import { approveStepWithGate } from "@/lib/steps/approve";
import { STEP_IDS } from "@/lib/workflow/steps";
import { OwnerFacingError } from "@/lib/workflow/types";

const approveSchema = z.object({
  step: z.enum(STEP_IDS),
  note: z.string().max(2000, "Keep the note under 2000 characters.").optional(),
  confirmation: z.string().max(200).optional(),
});

export async function approveStepAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    const parsed = approveSchema.safeParse({
      step: formData.get("step"),
      note: formData.get("note") ?? undefined,
      confirmation: formData.get("confirmation") ?? undefined,
    });
    if (!parsed.success) throw new OwnerFacingError(parsed.error.issues[0]?.message ?? "Invalid request.");
    await approveStepWithGate(ctx, {
      stepId: parsed.data.step,
      actor: "owner (panel)",
      note: parsed.data.note,
      confirmation: parsed.data.confirmation,
    });
    revalidatePath("/", "layout");
    return { message: `Step approved.` };
  });
}

export async function verifyAuditChainAction(): Promise<ActionResult<{ entries: number }>> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    const verdict = await verifyAuditLog(ctx.db);
    if (!verdict.ok) {
      throw new OwnerFacingError(`Chain broken at entry #${verdict.brokenAt}: ${verdict.reason}.`, "audit-broken");
    }
    return { message: `Chain intact: all ${verdict.entries} entries verified.`, data: { entries: verdict.entries } };
  });
}

export async function logoutAction() {
  const cookieStore = await cookies();
  await endOwnerSession(createAppContext(), cookieStore.get(SESSION_COOKIE)?.value);
  cookieStore.delete(SESSION_COOKIE);
  redirect("/login");
}
