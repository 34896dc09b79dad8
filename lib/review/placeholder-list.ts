import "server-only";
import type { AppContext } from "@/lib/app-context";
import { CARD_VARIANTS } from "@/lib/contract/card";
import { LISTING_FIELD } from "@/lib/merge/placeholder";

/**
 * The videos of the current plan that have no summary of their own in the Dashboard's card
 * variants: by default each gets the generated placeholder (a `generated` row in the plan's
 * summaries); the ones the owner decided to leave unlisted have none. Listed on the records
 * page so the owner sees every one of them before he approves.
 */
export type PlaceholderEntry = { videoId: string; title: string; choice: "placeholder" | "unlisted" };

export const PLACEHOLDER_LIST_LIMIT = 200;

export async function loadPlaceholderList(ctx: AppContext, planId: number) {
  // the literal 'generated' lets SQLite use the partial index merge_summary_generated_idx
  const generated = await ctx.db.$queryRaw<{ videoId: string }[]>`
    SELECT video_id AS videoId FROM merge_summary WHERE plan_id = ${planId} AND source_table = 'generated'`;
  const unlisted = await ctx.db.mergeDecision.findMany({
    where: { field: LISTING_FIELD, choice: "unlisted" },
    select: { videoId: true },
  });
  const withOwn = new Set(
    (
      await ctx.db.mergeSummary.findMany({
        where: {
          planId,
          videoId: { in: unlisted.map((d) => d.videoId) },
          isLatest: true,
          sourceTable: { not: "generated" },
          variant: { in: [...CARD_VARIANTS] },
        },
        select: { videoId: true },
      })
    ).map((s) => s.videoId),
  );
  const choices = new Map<string, PlaceholderEntry["choice"]>(generated.map((g) => [g.videoId, "placeholder"]));
  for (const d of unlisted) if (!withOwn.has(d.videoId) && !choices.has(d.videoId)) choices.set(d.videoId, "unlisted");
  const records = await ctx.db.mergeRecord.findMany({
    where: { planId, videoId: { in: [...choices.keys()] }, action: "copy" },
    select: { videoId: true, title: true, ordinal: true },
    orderBy: { ordinal: "asc" },
  });
  const entries = records.map((r): PlaceholderEntry => ({
    videoId: r.videoId,
    title: r.title,
    choice: choices.get(r.videoId)!,
  }));
  return {
    total: entries.length,
    placeholder: entries.filter((e) => e.choice === "placeholder").length,
    unlisted: entries.filter((e) => e.choice === "unlisted").length,
    entries: entries.slice(0, PLACEHOLDER_LIST_LIMIT),
  };
}

export type PlaceholderList = Awaited<ReturnType<typeof loadPlaceholderList>>;
