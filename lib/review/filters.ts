import { z } from "zod";
import { MERGE_CASES } from "@/lib/merge/classify";
import type { PlanRecordFilter } from "@/lib/merge/store/plan-queries";

/**
 * The records view's state lives in the query string so a filtered list is a shareable URL.
 * Parsing never throws: an unknown value is dropped, so a hand-edited URL still renders.
 */
export const RECORD_STATUSES = ["planned", "identical", "differs", "missing", "quarantined"] as const;
export const QUARANTINE_REASONS = [
  "invalid_key",
  "duplicate_key",
  "invalid_json",
  "invalid_value",
  "orphan",
  "resurrection_candidate",
  "skipped_by_owner",
] as const;
export const REVIEW_TABS = ["records", "categorization"] as const;

const schema = z.object({
  tab: z.enum(REVIEW_TABS).catch("records"),
  case: z.enum(MERGE_CASES).optional().catch(undefined),
  status: z.enum(RECORD_STATUSES).optional().catch(undefined),
  categorized: z.literal("1").optional().catch(undefined),
  reason: z.enum(QUARANTINE_REASONS).optional().catch(undefined),
  undecided: z.literal("1").optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  after: z.coerce.number().int().nonnegative().optional().catch(undefined),
});

export type ReviewQuery = z.infer<typeof schema>;
export type RawSearchParams = Record<string, string | string[] | undefined>;

export function parseReviewQuery(params: RawSearchParams): ReviewQuery {
  const single = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value || undefined]),
  );
  return schema.parse(single);
}

/** The plan store's filter for a query ("undecided" is applied by lib/review, not the store). */
export function toPlanFilter(query: ReviewQuery): PlanRecordFilter {
  return {
    mergeCase: query.case,
    status: query.status,
    categorized: query.categorized ? true : undefined,
    reason: query.reason,
    search: query.q || undefined,
    needsDecision: query.undecided ? true : undefined,
  };
}

/** `?…` for the query with `changes` applied; a change to a filter starts again at page one. */
export function reviewHref(base: string, query: Partial<ReviewQuery>, changes: Partial<ReviewQuery> = {}): string {
  const next: Partial<ReviewQuery> = { ...query, ...changes };
  if (!("after" in changes)) delete next.after;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || value === "" || (key === "tab" && value === "records")) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}
