"use server";

import { z } from "zod";
import { ownerAction } from "@/app/_lib/owner-action";
import { decisionInput } from "@/lib/merge/store/decisions";
import { confirmDefaults, decideRecord } from "@/lib/review/decide";
import { parseReviewQuery } from "@/lib/review/filters";
import { reviewVideoIds } from "@/lib/review/records";
import { countOf } from "@/lib/common/plural";

export const decideRecordAction = ownerAction<typeof decisionInput, { revoked: string[] }>(
  decisionInput,
  async (input, { ctx, actor }) => {
    const outcome = await decideRecord(ctx, input, actor);
    return { message: outcome.message, data: { revoked: outcome.revoked } };
  },
);

const confirmSchema = z.object({
  query: z.string().max(2000).optional(),
  note: z.string().max(2000, "Keep the note under 2000 characters.").optional(),
});

/** Confirms the defaults of every undecided record the list's filters select (not just the visible page). */
export const confirmDefaultsAction = ownerAction(confirmSchema, async ({ query = "", note }, { ctx, actor }) => {
  const ids = await reviewVideoIds(ctx, parseReviewQuery(Object.fromEntries(new URLSearchParams(query))));
  const stored = await confirmDefaults(ctx, ids, actor, query || "all records", note);
  return {
    message:
      stored === 0
        ? "Nothing to confirm: every record here already has a decision."
        : `Defaults confirmed for ${countOf(stored, "record")}.`,
  };
});
