import { isCategorizationRecord } from "@/lib/sources/categorization";
import type { CategoryEntry } from "@/lib/contract/card";
import { buildAnalysisJson, recordCategorization } from "./analysis-json";
import { cardSummary, listingOf, placeholderSummary, type Listing } from "./placeholder";
import { chooseFields, type FieldDiff, type Side } from "./choose";
import { classifyPresence, type MergeCase } from "./classify";
import { CONTENT_FIELDS, toTargetValues, type TargetValues } from "./fields";
import type { KeyEntry } from "./keys";
import { sourceKeyOf, type LedgerEntry, type QuarantineEntry } from "./quarantine";
import type { Row } from "./summary-candidates";
import { quarantineWhole, recordSummaries, type SummaryRow } from "./record-summaries";
import type { MergedSummary } from "./summaries";

/**
 * One video through DESIGN.md's merge rules: its case, the target row with the chosen side
 * per field, its summaries, its quarantine rows, and where every source row went (ledger).
 * Pure: the planner, the loader and the verifier all call this, so they agree by construction.
 */
export type SideRows = { entry: KeyEntry; content: Row; variants: Row[]; oldSummaries: Row[] };
export type RecordAction = "copy" | "skip";
/** record: the action (restore/keep_deleted, copy/skip); listing: placeholder/unlisted for a video without a card summary */
export type RecordDecisions = { record?: string; listing?: string; fields?: ReadonlyMap<string, Side> };

export type MergeInput = {
  videoId: string;
  nas?: SideRows;
  dashboard?: SideRows;
  /** summary rows of a side that has no content row for this video */
  strayVariants?: { side: Side; row: Row }[];
  strayOldSummaries?: { side: Side; row: Row }[];
  highWaterMark: number | null;
  decisions?: RecordDecisions;
};

export type MergedRecord = {
  videoId: string;
  mergeCase: MergeCase;
  categorized: boolean;
  title: string;
  defaultAction: RecordAction;
  action: RecordAction;
  /** the target row (every content column, video_id and id included); null when skipped */
  content: TargetValues | null;
  /** whether the PostgreSQL-era Dashboard lists it: by a summary of its own, by the placeholder, or not (the owner's decision) */
  listing: Listing | null;
  /** a copied categorization record's categories as the merged source holds them, before analysis_json is built */
  categorization: CategoryEntry[] | null;
  from: Record<string, Side>;
  summaries: MergedSummary[];
  diffs: FieldDiff[];
  quarantine: QuarantineEntry[];
  ledger: LedgerEntry[];
};

const EPOCH = "1970-01-01T00:00:00.000000Z";
const str = (v: unknown) => (typeof v === "string" ? v : null);

export function defaultAction(mergeCase: MergeCase): RecordAction {
  return mergeCase === "resurrection_candidate" ? "skip" : "copy";
}

/** restore/copy bring a NAS-only record in; keep_deleted/skip keep it out; other cases always copy. */
export function decideAction(mergeCase: MergeCase, decision: string | undefined): RecordAction {
  if (mergeCase !== "nas_new" && mergeCase !== "resurrection_candidate") return "copy";
  if (decision === "restore" || decision === "copy") return "copy";
  if (decision === "keep_deleted" || decision === "skip") return "skip";
  return defaultAction(mergeCase);
}

export function mergeRecord(input: MergeInput): MergedRecord {
  const { nas, dashboard, videoId } = input;
  const presence = classifyPresence(nas?.entry, dashboard?.entry, input.highWaterMark);
  const nasT = nas ? toTargetValues(nas.content) : undefined;
  const dashT = dashboard ? toTargetValues(dashboard.content) : undefined;
  const nasCategorized = nas ? isCategorizationRecord(nas.content) : false;
  const dashboardCategorized = dashboard ? isCategorizationRecord(dashboard.content) : false;
  const chosen = chooseFields({
    nas: nasT?.values ?? {},
    dashboard: dashT?.values ?? {},
    nasCategorized,
    dashboardCategorized,
    nasUpdatedMs: nas?.entry.updatedMs ?? null,
    dashboardUpdatedMs: dashboard?.entry.updatedMs ?? null,
    decisions: input.decisions?.fields,
  });
  const mergeCase: MergeCase = presence === "both" ? (chosen.diffs.length ? "both_differ" : "both_equal") : presence;
  const action = decideAction(mergeCase, input.decisions?.record);
  const quarantine: QuarantineEntry[] = [];
  const ledger: LedgerEntry[] = [];
  const sides = [
    nas && { side: "nas" as const, rows: nas },
    dashboard && { side: "dashboard" as const, rows: dashboard },
  ];
  const present = sides.filter((s) => s !== undefined);
  const strays = [
    ...(input.strayVariants ?? []).map((s) => ({ ...s, table: "summary_variants" as const })),
    ...(input.strayOldSummaries ?? []).map((s) => ({ ...s, table: "content_summaries" as const })),
  ];
  const title = str(chosen.values.title) ?? str(dashboard?.content.title) ?? str(nas?.content.title) ?? "";

  const summaryRows: SummaryRow[] = [
    ...present.flatMap(({ side, rows }) => [
      ...rows.variants.map((row) => ({ side, table: "summary_variants" as const, row })),
      ...rows.oldSummaries.map((row) => ({ side, table: "content_summaries" as const, row })),
    ]),
    ...strays,
  ];
  const categorized = nasCategorized || dashboardCategorized;
  const result = { videoId, mergeCase, categorized, title, defaultAction: defaultAction(mergeCase), action };

  if (action === "skip") {
    const skipped = mergeCase === "nas_new";
    const detail = skipped
      ? "NAS-new record the owner chose to skip"
      : "only on the NAS, indexed at or before the Dashboard's high-water mark: deleted on the Dashboard";
    const contentRows = present.map(({ side, rows }) => ({ side, table: "content" as const, row: rows.content }));
    const reason = skipped ? "skipped_by_owner" : "resurrection_candidate";
    const parts = quarantineWhole(videoId, [...contentRows, ...summaryRows], reason, detail);
    const none = { content: null, listing: null, categorization: null };
    return { ...result, ...none, from: chosen.from, summaries: [], diffs: chosen.diffs, ...parts };
  }

  const values: TargetValues = { video_id: videoId, id: `yt:${videoId}` };
  for (const { field } of CONTENT_FIELDS) values[field] = field in chosen.values ? chosen.values[field] : null;
  for (const flag of ["has_audio", "has_transcript"]) values[flag] ??= false;
  // created_at/updated_at are NOT NULL in the target: derive them from the row's own times, never now(), so a re-copy is identical.
  values.created_at ??= values.indexed_at ?? values.updated_at ?? values.published_at ?? EPOCH;
  values.updated_at ??= values.created_at;
  for (const { side, rows } of present) {
    const issues = (side === "nas" ? nasT : dashT)!.issues.filter((issue) => chosen.from[issue.field ?? ""] === side);
    if (rows.entry.keyIssue) issues.unshift(rows.entry.keyIssue);
    const sourceKey = sourceKeyOf("content", rows.content);
    ledger.push({ source: side, table: "content", sourceKey, to: "content", videoId });
    for (const issue of issues) {
      quarantine.push({
        source: side,
        sourceTable: "content",
        sourceKey,
        videoId,
        reason: issue.reason,
        field: issue.field ?? null,
        detail: issue.detail,
        raw: rows.content,
        original: issue.original,
      });
    }
  }
  if (values.title === null) {
    const side = chosen.from.title ?? "dashboard";
    const row = (side === "nas" ? nas : dashboard)?.content ?? {};
    values.title = "";
    quarantine.push({
      source: side,
      sourceTable: "content",
      sourceKey: sourceKeyOf("content", row),
      videoId,
      reason: "invalid_value",
      field: "title",
      detail: "title missing; stored as empty text",
      raw: row,
      original: null,
    });
  }

  const contentRows = present.map(({ side, rows }) => {
    const created = (side === "nas" ? nasT : dashT)!.values.created_at;
    return { side, row: rows.content, createdAt: typeof created === "string" ? created : null };
  });
  const merged = recordSummaries(videoId, summaryRows, contentRows, values.created_at as string);
  quarantine.push(...merged.quarantine);
  ledger.push(...merged.ledger);
  const listing = listingOf(merged.summaries, input.decisions?.listing);
  if (listing === "placeholder") merged.summaries.unshift(placeholderSummary(values.created_at as string));
  const categorization = categorized ? recordCategorization(values) : null;
  // YTV2-CONTRACT.md §2: the card's facts where the PostgreSQL-era Dashboard reads them.
  values.analysis_json = buildAnalysisJson(values);
  values.summary_type_latest = cardSummary(merged.summaries)?.variant ?? null;
  return {
    ...result,
    content: values,
    listing,
    categorization,
    from: chosen.from,
    summaries: merged.summaries,
    diffs: chosen.diffs,
    quarantine,
    ledger,
  };
}
