import type pg from "pg";
import { readCards } from "@/lib/contract/dashboard-pg";
import {
  cardHash,
  differingCardFields,
  mergedCard,
  showsCategorization,
  type ListedCard,
} from "@/lib/contract/merged-card";
import type { MergedRecord } from "@/lib/merge/merge-record";
import type { Listing } from "@/lib/merge/placeholder";
import type { CategoryEntry } from "@/lib/contract/card";
import { NO_CATEGORY } from "@/lib/diff/categorization-diff";
import type { CheckResult } from "@/lib/workflow/types";

/**
 * Verify's YTV2-contract checks, answered by the Dashboard's own card query
 * (lib/contract/dashboard-pg.ts) on the target: every migrated video is listed (or the owner
 * accepted it unlisted), every categorization record shows its categories through the card's
 * own reading, and each card's fields equal the merged values (lib/contract/merged-card.ts).
 */
export type ContractExpectation = {
  /** null: not copied */
  listing: Listing | null;
  /** cardHash of the merged record's card; null when not copied */
  card: string | null;
  /** a categorization record's categories in the merged source (canonical JSON); null otherwise */
  categories: string | null;
};

export function contractExpectation(record: MergedRecord): ContractExpectation {
  const card = mergedCard(record);
  return {
    listing: record.listing,
    card: card ? cardHash(card) : null,
    categories: record.categorization ? JSON.stringify(record.categorization) : null,
  };
}

/** The target's cards of a batch, as the merged card holds them (the summary named by its revision). */
export function readBatchCards(client: pg.ClientBase, videoIds: string[]): Promise<Map<string, ListedCard>> {
  return readCards(client, videoIds);
}

const MAX_LISTED = 20;

export class ContractTally {
  copied = 0;
  listed = 0;
  placeholders = 0;
  unlisted = 0;
  readonly listingWrong: string[] = [];
  categorized = 0;
  categoriesShown = 0;
  readonly categoriesMissing: string[] = [];
  /** subcategories without any category name: no card of either era can show them as chips */
  readonly withoutCategory: string[] = [];
  cardsEqual = 0;
  readonly cardsDiffer: { videoId: string; fields: string[] }[] = [];

  /** `merged`, from the full pass, names the differing card fields. */
  add(r: { videoId: string } & ContractExpectation, found: ListedCard | undefined, merged?: ListedCard | null) {
    if (r.listing === null || r.card === null) return;
    this.copied++;
    if (r.listing === "placeholder") this.placeholders++;
    if (r.listing === "unlisted") this.unlisted++;
    const shouldList = r.listing !== "unlisted";
    if (found?.listed) this.listed++;
    if (!found || found.listed !== shouldList) this.listingWrong.push(r.videoId);
    if (r.categories !== null && r.listing !== "unlisted") {
      this.categorized++;
      const expected = JSON.parse(r.categories) as CategoryEntry[];
      if (expected.every((entry) => entry.category === NO_CATEGORY)) this.withoutCategory.push(r.videoId);
      else if (found && found.listed && showsCategorization(found.card.analysis.categories, expected))
        this.categoriesShown++;
      else this.categoriesMissing.push(r.videoId);
    }
    if (found && cardHash(found) === r.card) this.cardsEqual++;
    else {
      const fields = !found ? ["(not in target)"] : merged ? differingCardFields(merged, found) : ["(card hash)"];
      this.cardsDiffer.push({ videoId: r.videoId, fields });
    }
  }

  checks(): CheckResult[] {
    const list = (ids: string[]) => `${ids.slice(0, MAX_LISTED).join(", ")}${ids.length > MAX_LISTED ? ", …" : ""}`;
    const shouldList = this.copied - this.unlisted;
    return [
      {
        name: "Every migrated video listed on the Dashboard",
        ok: this.listingWrong.length === 0,
        detail:
          `${this.listed} of ${shouldList} copied videos listed by the Dashboard's card query` +
          ` (${this.placeholders} through the generated placeholder summary)` +
          (this.unlisted ? `; ${this.unlisted} left unlisted by your decision` : "") +
          (this.listingWrong.length ? `; not as decided: ${list(this.listingWrong)}` : ""),
        evidence: {
          copied: this.copied,
          listed: this.listed,
          placeholders: this.placeholders,
          unlisted: this.unlisted,
        },
      },
      {
        name: "Categorization records show their categories on the Dashboard",
        ok: this.categoriesMissing.length === 0,
        detail:
          `${this.categoriesShown} of ${this.categorized - this.withoutCategory.length} listed categorization records show their categories through the card's own reading (subcategories_json, else analysis_json)` +
          (this.categoriesMissing.length ? `; not shown: ${list(this.categoriesMissing)}` : "") +
          (this.withoutCategory.length
            ? `; ${this.withoutCategory.length} name subcategories but no category, which no card of either era shows as chips (their subcategory column is copied as it is): ${list(this.withoutCategory)}`
            : ""),
      },
      {
        name: "Dashboard card fields equal the merged values",
        ok: this.cardsDiffer.length === 0,
        detail:
          `${this.cardsEqual} of ${this.copied} cards equal` +
          (this.cardsDiffer.length
            ? `; differ: ${this.cardsDiffer
                .slice(0, MAX_LISTED)
                .map((d) => `${d.videoId} (${d.fields.join(", ")})`)
                .join("; ")}`
            : ""),
        evidence: { differ: this.cardsDiffer.slice(0, 200) },
      },
    ];
  }
}
