import "server-only";
import type { AppContext } from "@/lib/app-context";
import { diffCategorization, type CategorizationInput } from "@/lib/diff/categorization-diff";
import { CATEGORIZATION_FIELDS } from "@/lib/merge/fields";
import { countPlanRecords, getPlanOverview, listPlanRecords } from "@/lib/merge/store/plan-queries";
import { readTargetRecords } from "@/lib/verify/target-read";
import { mergedValues, readSideValues } from "./side-values";
import { readTarget } from "./target-read";

/**
 * The categorization tab: every categorization record (the Dashboard's curated ones) with
 * its categorization in the merged source compared semantically (category → subcategory
 * sets, lib/diff) with what PostgreSQL holds: identical, different, missing, or kept out by
 * a decision.
 */
export type CategorizationStatus = "identical" | "different" | "missing" | "kept_out" | "unknown";
export const CATEGORIZATION_PAGE = 100;

export async function loadCategorizationTab(ctx: AppContext, after?: number) {
  const plan = await getPlanOverview(ctx.db);
  if (!plan) return null;
  const [page, counts] = await Promise.all([
    listPlanRecords(ctx.db, { planId: plan.id, categorized: true, afterOrdinal: after, limit: CATEGORIZATION_PAGE }),
    countPlanRecords(ctx.db, { categorized: true }, plan.id),
  ]);
  const ids = page.records.map((r) => r.videoId);
  const fields = await ctx.db.mergeField.findMany({
    where: { planId: plan.id, videoId: { in: ids }, field: { in: [...CATEGORIZATION_FIELDS] } },
    select: { videoId: true, field: true, chosenSide: true },
  });
  const chosen = new Map<string, Map<string, string>>();
  for (const f of fields) chosen.set(f.videoId, (chosen.get(f.videoId) ?? new Map()).set(f.field, f.chosenSide));
  const sides = readSideValues({ nas: plan.nasPath, dashboard: plan.dashboardPath }, page.records);
  const target = await readTarget(ctx, (client) => readTargetRecords(client, ids));
  const rows = page.records.map((r) => {
    const merged = mergedValues(sides.get(r.videoId)!, chosen.get(r.videoId) ?? new Map());
    const found = target.ok ? target.value.get(r.videoId) : undefined;
    const diff = diffCategorization(merged as CategorizationInput, found?.content as CategorizationInput | undefined);
    let status: CategorizationStatus;
    if (!target.ok) status = "unknown";
    else if (r.action === "skip") status = found ? "different" : "kept_out";
    else if (!found) status = "missing";
    else status = diff.identical && !diff.orderOnly ? "identical" : "different";
    return { videoId: r.videoId, ordinal: r.ordinal, title: r.title, mergeCase: r.mergeCase, status, diff };
  });
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const tally = rows.reduce<Partial<Record<CategorizationStatus, number>>>(
    (acc, row) => ({ ...acc, [row.status]: (acc[row.status] ?? 0) + 1 }),
    {},
  );
  return { rows, total, tally, nextAfter: page.nextAfterOrdinal, targetError: target.ok ? null : target.error };
}
