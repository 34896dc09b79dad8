import { CARD_VARIANTS } from "@/lib/contract/card";
import type { MergedSummary } from "./summaries";

/**
 * Every migrated video stays listed (DESIGN.md, YTV2-CONTRACT.md §3): the PostgreSQL-era
 * Dashboard lists a video only when it has a latest summary in one of the card variants. A
 * record with none gets, by default, a generated `comprehensive` revision 1 saying no summary
 * is available, marked as generated in raw_json; the owner may leave it unlisted instead (a
 * merge decision, field LISTING_FIELD).
 */
export const LISTING_FIELD = "listing";
export const LISTING_CHOICES = ["placeholder", "unlisted"] as const;

/** listed: it has a card summary of its own; placeholder / unlisted: it has none, and this is what the copy does. */
export type Listing = "listed" | "placeholder" | "unlisted";

export const PLACEHOLDER_TEXT = "No summary available.";
export const PLACEHOLDER_RAW_JSON = {
  generated: true,
  by: "ytv2-cutover",
  reason:
    "placeholder: the sources have no summary in the Dashboard's card variants, so without one the PostgreSQL-era Dashboard would not list this video",
};

/** The summary the Dashboard's card shows: the latest of the first card variant present. */
export function cardSummary<T extends { variant: string; isLatest: boolean }>(summaries: T[]): T | null {
  let best: T | null = null;
  let rank: number = CARD_VARIANTS.length;
  for (const s of summaries) {
    const at = (CARD_VARIANTS as readonly string[]).indexOf(s.variant);
    if (s.isLatest && at !== -1 && at < rank) {
      best = s;
      rank = at;
    }
  }
  return best;
}

export function placeholderSummary(createdAt: string): MergedSummary {
  return {
    variant: "comprehensive",
    revision: 1,
    chosen: {
      side: "generated",
      table: "generated",
      sourceKey: "placeholder",
      variant: "comprehensive",
      revision: 1,
      text: PLACEHOLDER_TEXT,
      rawJson: PLACEHOLDER_RAW_JSON,
      createdAt,
      updatedAt: createdAt,
      rowid: 0,
    },
    from: "generated",
    conflict: false,
    isLatest: true,
    shadowed: [],
  };
}

/** Whether the record keeps its own card summary, gets the placeholder, or stays unlisted by the owner's decision. */
export function listingOf(summaries: MergedSummary[], decision: string | undefined): Listing {
  if (cardSummary(summaries)) return "listed";
  return decision === "unlisted" ? "unlisted" : "placeholder";
}
