import "server-only";
import type { AppContext } from "@/lib/app-context";
import type { PlanRecordFilter } from "@/lib/merge/store/plan-queries";
import { toPlanFilter, type ReviewQuery } from "./filters";
import { pendingDecisions } from "./review-gate";
import { loadReviewProgress } from "./review-progress";

/**
 * The plan store's filter for a review query, with "open" resolved into the very records the
 * review gate waits for, so the list the gate links to shows the gate's own count.
 */
export async function planFilterOf(ctx: AppContext, planId: number, query: ReviewQuery): Promise<PlanRecordFilter> {
  const filter = toPlanFilter(query);
  if (!query.open) return filter;
  const pending = pendingDecisions(await loadReviewProgress(ctx, planId));
  return { ...filter, videoIds: pending.gate.map((record) => record.videoId) };
}
