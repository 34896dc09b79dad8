import "server-only";
import type { AppContext } from "@/lib/app-context";
import { MERGE_CASES, type MergeCase } from "@/lib/merge/classify";
import { countPlanRecords, getPlanOverview, listPlanRecords } from "@/lib/merge/store/plan-queries";
import type { ReviewQuery } from "./filters";
import { planFilterOf } from "./open-records";
import { decisionStates } from "./review-progress";
import type { DecisionState } from "./decision-state";

/**
 * The records view: one keyset page of the plan for the query, each record with its decision
 * state, and the counts per case under the other filters (the tabs' numbers). Everything is
 * answered by the plan's (plan, column, ordinal) indexes, so page 2,000 costs what page 1 does.
 */
export const PAGE_SIZE = 50;

export async function loadRecordsPage(ctx: AppContext, query: ReviewQuery, pageSize = PAGE_SIZE) {
  const plan = await getPlanOverview(ctx.db);
  if (!plan) return null;
  const filter = await planFilterOf(ctx, plan.id, query);
  const others = { ...filter, mergeCase: undefined };
  // the plan stores its counts per case: with no other filter, no need to count 100k rows again
  const unfiltered = Object.values(others).every((value) => value === undefined);
  const all: Partial<Record<MergeCase, number>> = plan.counts?.counts ?? (await countPlanRecords(ctx.db, {}, plan.id));
  const [page, counts] = await Promise.all([
    listPlanRecords(ctx.db, { ...filter, planId: plan.id, afterOrdinal: query.after, limit: pageSize }),
    unfiltered ? all : countPlanRecords(ctx.db, others, plan.id),
  ]);
  const { states } = await decisionStates(
    ctx,
    plan.id,
    page.records.map((r) => r.videoId),
  );
  const records = page.records.map((r) => ({
    videoId: r.videoId,
    ordinal: r.ordinal,
    title: r.title,
    mergeCase: r.mergeCase as MergeCase,
    status: r.status,
    categorized: r.categorized,
    action: r.action,
    defaultAction: r.defaultAction,
    differingFields: r.differingFields,
    summaryConflicts: r.summaryConflicts,
    quarantineReasons: r.quarantineReasons ? r.quarantineReasons.split(",").filter(Boolean) : [],
    mismatch: r.mismatch ? (JSON.parse(r.mismatch) as string[]) : null,
    decision: (states.get(r.videoId) ?? "none") as DecisionState,
  }));
  const caseCounts = MERGE_CASES.map((c) => ({ mergeCase: c, count: counts[c] ?? 0 }));
  // "All cases" under the other filters, and what the list shows: the chosen case's count when one is chosen
  const otherFiltersTotal = caseCounts.reduce((sum, c) => sum + c.count, 0);
  const filteredTotal = query.case ? (counts[query.case] ?? 0) : otherFiltersTotal;
  const planTotal = Object.values(all).reduce((sum, n) => sum + (n ?? 0), 0);
  return { plan, records, nextAfter: page.nextAfterOrdinal, caseCounts, otherFiltersTotal, filteredTotal, planTotal };
}

export type RecordsPage = NonNullable<Awaited<ReturnType<typeof loadRecordsPage>>>;
export type RecordRow = RecordsPage["records"][number];

/** Every video id the query selects among records that need a decision (for "confirm defaults"). */
export async function reviewVideoIds(ctx: AppContext, query: ReviewQuery): Promise<string[]> {
  const plan = await getPlanOverview(ctx.db);
  if (!plan) return [];
  const filter = { ...(await planFilterOf(ctx, plan.id, query)), planId: plan.id, needsDecision: true };
  const ids: string[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await listPlanRecords(ctx.db, { ...filter, afterOrdinal: after, limit: 500 });
    ids.push(...page.records.map((r) => r.videoId));
    if (page.nextAfterOrdinal === null) return ids;
    after = page.nextAfterOrdinal;
  }
}
