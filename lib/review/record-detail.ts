import "server-only";
import type { AppContext } from "@/lib/app-context";
import { diffCategorization, type CategorizationInput } from "@/lib/diff/categorization-diff";
import { readRecordSides } from "@/lib/merge/record-sides";
import { getPlanRecord } from "@/lib/merge/store/plan-queries";
import { loadConfirmations } from "./confirmations";
import { decisionStateOf } from "./decision-state";
import { buildFieldRows } from "./field-rows";
import type { ReviewQuery } from "./filters";
import { recordNeighbours } from "./neighbours";
import { recordDefaults } from "./review-progress";
import { detailSummaries } from "./record-summaries";
import { mergedValues, readSideValues } from "./side-values";
import { readTarget } from "./target-read";

/**
 * Everything the record page shows, assembled from the plan (case, differing fields with the
 * default and chosen side, summary sources, quarantine), the two sources (the rows the merge
 * used) and PostgreSQL (the row, its summaries with HTML, its quarantine rows).
 */
export async function loadRecordDetail(ctx: AppContext, videoId: string, query: ReviewQuery) {
  const plan = await getPlanRecord(ctx.db, videoId);
  if (!plan) return null;
  const { record, fields, decisions } = plan;
  const header = await ctx.db.mergePlan.findUniqueOrThrow({ where: { id: record.planId } });
  const sources = { nas: header.nasPath, dashboard: header.dashboardPath };
  const values = readSideValues(sources, [record]).get(videoId)!;
  const target = await readTarget(ctx, async (client) => ({
    sides: await readRecordSides(client, sources, videoId),
    quarantine: (
      await client.query<{
        reason: string;
        field: string | null;
        source: string;
        source_table: string;
        source_key: string;
        detail: string | null;
        raw: unknown;
      }>(
        "SELECT reason, field, source, source_table, source_key, detail, raw FROM migration_quarantine WHERE video_id = $1 ORDER BY id",
        [videoId],
      )
    ).rows,
  }));
  const sides = target.ok ? target.value.sides : await readRecordSides(null, sources, videoId);
  const postgres = sides.postgres?.values ?? null;
  const explicit = new Map(decisions.map((d) => [d.field, d]));
  const fieldRows = buildFieldRows(values, postgres, fields, decisions);
  const chosen = new Map(fields.map((f) => [f.field, f.chosenSide]));
  const merged = mergedValues(values, chosen);
  const [confirmations, [defaults]] = await Promise.all([
    loadConfirmations(ctx, [videoId]),
    recordDefaults(ctx, record.planId, [videoId]),
  ]);
  const decisionState = defaults
    ? decisionStateOf(defaults, new Set(explicit.keys()), confirmations.get(videoId))
    : ("none" as const);
  return {
    record,
    /** the title PostgreSQL gets: the chosen side's, which a decision may have changed since the plan */
    title: typeof merged.title === "string" && merged.title !== "" ? merged.title : record.title,
    highWaterMark: header.highWaterMark,
    placement: placementOf(record.action, target.ok ? postgres !== null : null),
    fieldRows,
    differingFields: fields.map((f) => ({
      field: f.field,
      defaultSide: f.defaultSide,
      chosenSide: f.chosenSide,
      decided: explicit.has(f.field),
    })),
    decisions,
    decisionState,
    categorization: {
      sources: diffCategorization(values.nas as CategorizationInput, values.dashboard as CategorizationInput),
      target: diffCategorization(merged as CategorizationInput, postgres as CategorizationInput | null),
      inTarget: postgres !== null,
    },
    summaries: detailSummaries(plan.summaries, sides),
    planQuarantine: plan.quarantine,
    targetQuarantine: target.ok ? target.value.quarantine : null,
    targetError: target.ok ? null : target.error,
    inTarget: postgres !== null,
    absent: {
      nas: values.nas === null,
      dashboard: values.dashboard === null,
    },
    neighbours: await recordNeighbours(ctx, record.planId, record.ordinal, query),
  };
}

export type RecordDetail = NonNullable<Awaited<ReturnType<typeof loadRecordDetail>>>;

/**
 * Where the record stands, in words that follow the state: what the plan does with it
 * (with the owner's decision) against what PostgreSQL holds now.
 */
export type Placement = "copied" | "will-be-copied" | "kept-out" | "will-be-removed" | "unknown";

export function placementOf(action: string, inTarget: boolean | null): Placement {
  if (inTarget === null) return "unknown";
  if (action === "copy") return inTarget ? "copied" : "will-be-copied";
  return inTarget ? "will-be-removed" : "kept-out";
}
