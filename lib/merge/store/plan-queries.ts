import "server-only";
import type { ControlDb } from "@/lib/control/control-db";
import type { MergeCase } from "../classify";
import type { PlanCounts } from "./plan-writer";

/**
 * Reads of the stored plan for the records view and the record detail. Pages are keyset
 * pages over `ordinal` on the (plan_id, filter column, ordinal) indexes, so page 1000 costs
 * what page 1 does at 100k records.
 */
export type RecordStatusFilter = "planned" | "identical" | "differs" | "missing" | "quarantined";
export type PlanRecordFilter = {
  mergeCase?: MergeCase;
  status?: RecordStatusFilter;
  categorized?: boolean;
  /** records with at least one quarantine entry of this reason */
  reason?: string;
  /** part of the title (case-insensitive) or the start of the video_id */
  search?: string;
  /** only records whose action differs from the default or that have a conflict to settle */
  needsDecision?: boolean;
  /** only these videos (the review's "waiting for a decision", which the plan rows alone cannot tell) */
  videoIds?: string[];
};

export async function getPlanOverview(db: ControlDb) {
  const plan = await db.mergePlan.findFirst({ where: { status: "ready" }, orderBy: { id: "desc" } });
  if (!plan) return null;
  return { ...plan, counts: plan.counts ? (JSON.parse(plan.counts) as PlanCounts) : null };
}

/** The Prisma condition of a records filter; the record page walks its neighbours with the same one. */
export function planRecordWhere(planId: number, filter: PlanRecordFilter) {
  const search = filter.search?.trim();
  return {
    planId,
    ...(filter.mergeCase ? { mergeCase: filter.mergeCase } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.categorized === undefined ? {} : { categorized: filter.categorized }),
    ...(filter.reason ? { quarantineReasons: { contains: filter.reason } } : {}),
    ...(filter.videoIds ? { videoId: { in: filter.videoIds } } : {}),
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

export async function listPlanRecords(
  db: ControlDb,
  filter: PlanRecordFilter & { planId?: number; afterOrdinal?: number; limit?: number } = {},
) {
  const planId = filter.planId ?? (await getPlanOverview(db))?.id;
  if (planId === undefined) return { planId: null, records: [], nextAfterOrdinal: null };
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const rows = await db.mergeRecord.findMany({
    where: {
      ...planRecordWhere(planId, filter),
      ...(filter.afterOrdinal === undefined ? {} : { ordinal: { gt: filter.afterOrdinal } }),
    },
    orderBy: { ordinal: "asc" },
    take: limit + 1,
  });
  const more = rows.length > limit;
  const records = more ? rows.slice(0, limit) : rows;
  return { planId, records, nextAfterOrdinal: more ? records.at(-1)!.ordinal : null };
}

/** Counts per case for the current filter (the tabs' numbers). */
export async function countPlanRecords(db: ControlDb, filter: PlanRecordFilter = {}, planId?: number) {
  const id = planId ?? (await getPlanOverview(db))?.id;
  if (id === undefined) return {};
  const groups = await db.mergeRecord.groupBy({
    by: ["mergeCase"],
    where: planRecordWhere(id, filter),
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((g) => [g.mergeCase, g._count._all])) as Partial<Record<MergeCase, number>>;
}

/** Everything the plan knows about one record: fields that differ, summary sources, quarantine, decisions. */
export async function getPlanRecord(db: ControlDb, videoId: string, planId?: number) {
  const id = planId ?? (await getPlanOverview(db))?.id;
  if (id === undefined) return null;
  const record = await db.mergeRecord.findUnique({ where: { planId_videoId: { planId: id, videoId } } });
  if (!record) return null;
  const [fields, summaries, quarantine, decisions] = await Promise.all([
    db.mergeField.findMany({ where: { planId: id, videoId }, orderBy: { field: "asc" } }),
    db.mergeSummary.findMany({ where: { planId: id, videoId }, orderBy: [{ variant: "asc" }, { revision: "asc" }] }),
    db.mergeQuarantine.findMany({ where: { planId: id, videoId }, orderBy: { id: "asc" } }),
    db.mergeDecision.findMany({ where: { videoId } }),
  ]);
  return {
    record: { ...record, mismatch: record.mismatch ? (JSON.parse(record.mismatch) as string[]) : null },
    fields: fields.map((f) => ({
      ...f,
      nasValue: f.nasValue === null ? null : (JSON.parse(f.nasValue) as unknown),
      dashboardValue: f.dashboardValue === null ? null : (JSON.parse(f.dashboardValue) as unknown),
    })),
    summaries: summaries.map((s) => ({ ...s, shadowed: s.shadowed ? (JSON.parse(s.shadowed) as unknown[]) : [] })),
    quarantine,
    decisions,
  };
}
