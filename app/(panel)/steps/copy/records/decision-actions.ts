"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireOwnerAction } from "@/app/_lib/owner";
import { type ActionResult, toActionResult } from "@/lib/common/action-result";
import { decisionInput } from "@/lib/merge/store/decisions";
import { confirmDefaults, decideRecord } from "@/lib/review/decide";
import { parseReviewQuery } from "@/lib/review/filters";
import { reviewVideoIds } from "@/lib/review/records";
import { OwnerFacingError } from "@/lib/workflow/types";

const ACTOR = "owner (panel)";

function formText(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

export async function decideRecordAction(
  _previous: ActionResult<{ revoked: string[] }> | null,
  formData: FormData,
): Promise<ActionResult<{ revoked: string[] }>> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    const parsed = decisionInput.safeParse({
      videoId: formData.get("videoId"),
      field: formData.get("field"),
      choice: formData.get("choice"),
      note: formText(formData, "note"),
    });
    if (!parsed.success) throw new OwnerFacingError(`Invalid decision: ${parsed.error.issues[0]?.message}`, "invalid");
    const outcome = await decideRecord(ctx, parsed.data, ACTOR);
    revalidatePath("/", "layout");
    return { message: outcome.message, data: { revoked: outcome.revoked } };
  });
}

const confirmSchema = z.object({ query: z.string().max(2000), note: z.string().max(2000).optional() });

/** Confirms the defaults of every undecided record the list's filters select (not just the visible page). */
export async function confirmDefaultsAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    const parsed = confirmSchema.safeParse({ query: formData.get("query") ?? "", note: formText(formData, "note") });
    if (!parsed.success) throw new OwnerFacingError("Invalid request.", "invalid");
    const query = parseReviewQuery(Object.fromEntries(new URLSearchParams(parsed.data.query)));
    const ids = await reviewVideoIds(ctx, query);
    const stored = await confirmDefaults(ctx, ids, ACTOR, parsed.data.query || "all records", parsed.data.note);
    revalidatePath("/steps/copy", "layout");
    return {
      message:
        stored === 0
          ? "Nothing to confirm: every record here already has a decision."
          : `Defaults confirmed for ${stored} record${stored === 1 ? "" : "s"}.`,
    };
  });
}
