import "server-only";
import type { AppContext } from "@/lib/app-context";
import type { MergeCase } from "@/lib/merge/classify";
import { loadConfirmations } from "./confirmations";
import { decisionStateOf, REVIEW_CASES, type DecisionState, type RecordDefaults } from "./decision-state";

/**
 * The decision state of plan records: for a page of them (the list) or for every record that
 * needs one (the gate and the counts at the top). Reads plan rows, decisions and
 * confirmations by index; the plan stores fields only where the two sides differ, so this
 * stays proportional to the conflicts, not to the plan.
 */
export type ReviewTally = Record<DecisionState, number>;
export type ReviewProgress = {
  byCase: Partial<Record<MergeCase, ReviewTally>>;
  undecided: { videoId: string; mergeCase: string }[];
};

export async function recordDefaults(ctx: AppContext, planId: number, videoIds?: string[]): Promise<RecordDefaults[]> {
  const byVideo = videoIds ? { videoId: { in: videoIds } } : {};
  const [records, fields] = await Promise.all([
    ctx.db.mergeRecord.findMany({
      where: { planId, mergeCase: { in: [...REVIEW_CASES] }, ...byVideo },
      select: { videoId: true, mergeCase: true, defaultAction: true, ordinal: true },
      orderBy: { ordinal: "asc" },
    }),
    ctx.db.mergeField.findMany({
      where: { planId, ...byVideo },
      select: { videoId: true, field: true, defaultSide: true, nasValue: true, dashboardValue: true },
    }),
  ]);
  const grouped = new Map<string, RecordDefaults["fields"]>();
  for (const { videoId, ...field } of fields) grouped.set(videoId, [...(grouped.get(videoId) ?? []), field]);
  return records.map((r) => ({
    videoId: r.videoId,
    mergeCase: r.mergeCase,
    defaultAction: r.defaultAction,
    fields: r.mergeCase === "both_differ" ? (grouped.get(r.videoId) ?? []) : [],
  }));
}

/** Explicit decisions as videoId → the fields decided ("*" for a record-level choice). */
export async function explicitDecisions(ctx: AppContext, videoIds?: string[]) {
  const rows = await ctx.db.mergeDecision.findMany({
    where: videoIds ? { videoId: { in: videoIds } } : {},
    select: { videoId: true, field: true },
  });
  const map = new Map<string, Set<string>>();
  for (const row of rows) map.set(row.videoId, (map.get(row.videoId) ?? new Set()).add(row.field));
  return map;
}

export async function decisionStates(ctx: AppContext, planId: number, videoIds?: string[]) {
  const [defaults, explicit, confirmed] = await Promise.all([
    recordDefaults(ctx, planId, videoIds),
    explicitDecisions(ctx, videoIds),
    loadConfirmations(ctx, videoIds),
  ]);
  const states = new Map<string, DecisionState>();
  for (const record of defaults) {
    states.set(
      record.videoId,
      decisionStateOf(record, explicit.get(record.videoId) ?? new Set(), confirmed.get(record.videoId)),
    );
  }
  return { defaults, states };
}

export async function loadReviewProgress(ctx: AppContext, planId: number): Promise<ReviewProgress> {
  const { defaults, states } = await decisionStates(ctx, planId);
  const byCase: ReviewProgress["byCase"] = {};
  const undecided: ReviewProgress["undecided"] = [];
  for (const record of defaults) {
    const state = states.get(record.videoId)!;
    const tally = (byCase[record.mergeCase as MergeCase] ??= { decided: 0, confirmed: 0, undecided: 0, none: 0 });
    tally[state]++;
    if (state === "undecided") undecided.push({ videoId: record.videoId, mergeCase: record.mergeCase });
  }
  return { byCase, undecided };
}
