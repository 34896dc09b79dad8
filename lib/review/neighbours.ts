import "server-only";
import type { AppContext } from "@/lib/app-context";
import { toPlanFilter, type ReviewQuery } from "./filters";

/**
 * The previous and next record under the list's filters, so j/k on a record page walks the
 * same list the owner came from. Same conditions as the plan store's list, both directions.
 */
function whereOf(planId: number, query: ReviewQuery) {
  const filter = toPlanFilter(query);
  const search = filter.search?.trim();
  return {
    planId,
    ...(filter.mergeCase ? { mergeCase: filter.mergeCase } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.categorized ? { categorized: true } : {}),
    ...(filter.reason ? { quarantineReasons: { contains: filter.reason } } : {}),
    ...(filter.needsDecision
      ? {
          OR: [
            { mergeCase: { in: ["both_differ", "resurrection_candidate", "nas_new"] } },
            { summaryConflicts: { gt: 0 } },
          ],
        }
      : {}),
    ...(search ? { AND: [{ OR: [{ title: { contains: search } }, { videoId: { startsWith: search } }] }] } : {}),
  };
}

export async function recordNeighbours(ctx: AppContext, planId: number, ordinal: number, query: ReviewQuery) {
  const where = whereOf(planId, query);
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
