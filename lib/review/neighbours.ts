import "server-only";
import type { AppContext } from "@/lib/app-context";
import { planRecordWhere } from "@/lib/merge/store/plan-queries";
import type { ReviewQuery } from "./filters";
import { planFilterOf } from "./open-records";

/**
 * The previous and next record under the list's filters, so j/k on a record page walks the
 * same list the owner came from: the plan store's own filter condition, both directions.
 */
export async function recordNeighbours(ctx: AppContext, planId: number, ordinal: number, query: ReviewQuery) {
  const where = planRecordWhere(planId, await planFilterOf(ctx, planId, query));
  const select = { videoId: true, title: true };
  const [previous, next] = await Promise.all([
    ctx.db.mergeRecord.findFirst({
      where: { ...where, ordinal: { lt: ordinal } },
      orderBy: { ordinal: "desc" },
      select,
    }),
    ctx.db.mergeRecord.findFirst({
      where: { ...where, ordinal: { gt: ordinal } },
      orderBy: { ordinal: "asc" },
      select,
    }),
  ]);
  return { previous, next };
}
