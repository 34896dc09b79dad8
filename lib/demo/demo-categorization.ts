import { THEMES, type CatalogueVideo } from "./catalogue";
import type { Row } from "./demo-rows";

/**
 * The Dashboard's curated categorization, in every shape DESIGN.md counts as a
 * categorization record, plus near-misses that must not count (empty lists, blank
 * subcategory, analysis without subcategories).
 */
export type CategorizationForm =
  | "subcategories_json"
  | "subcategories_json+subcategory"
  | "subcategories_json (two categories)"
  | "analysis categories[]"
  | "analysis subcategories"
  | "subcategory column";

export function subcategoriesOf(video: CatalogueVideo): string[] {
  const [first, second] = video.theme.subcategories;
  return [[first], [second], [first, second]][video.indexInTheme % 3];
}

/** Spreads the forms over the curated rows so each appears several times. */
export function formFor(position: number): CategorizationForm {
  if (position % 13 === 4) return "analysis categories[]";
  if (position % 13 === 8) return "analysis subcategories";
  if (position % 17 === 11) return "subcategory column";
  if (position % 11 === 2) return "subcategories_json (two categories)";
  return position % 2 === 0 ? "subcategories_json+subcategory" : "subcategories_json";
}

export function categorizationColumns(video: CatalogueVideo, form: CategorizationForm): Row {
  const category = video.theme.category;
  const subcategories = subcategoriesOf(video);
  const categories = [{ category, subcategories }];
  const none: Row = { subcategory: null, subcategories_json: null, analysis: null };
  switch (form) {
    case "subcategories_json":
      return { ...none, subcategories_json: JSON.stringify({ categories }) };
    case "subcategories_json+subcategory":
      return { ...none, subcategory: subcategories[0], subcategories_json: JSON.stringify({ categories }) };
    case "subcategories_json (two categories)": {
      const other = THEMES.find((theme) => theme.category !== category)!;
      const both = [...categories, { category: other.category, subcategories: [other.subcategories[0]] }];
      return { ...none, subcategories_json: JSON.stringify({ categories: both }) };
    }
    case "analysis categories[]":
      return {
        ...none,
        analysis: JSON.stringify({ categories, sentiment: "informative", complexity: "intermediate" }),
      };
    case "analysis subcategories":
      return { ...none, analysis: JSON.stringify({ subcategories, confidence: 0.86, model: "gpt-4o-mini" }) };
    case "subcategory column":
      return { ...none, subcategory: subcategories.join(", ") };
  }
}

/** Uncurated Dashboard rows; some carry values that look like categorization but are not. */
export const NEAR_MISSES: { detail: string; columns: Row }[] = [
  {
    detail: "subcategories_json with an empty subcategory list",
    columns: { subcategories_json: JSON.stringify({ categories: [{ category: "Business", subcategories: [] }] }) },
  },
  { detail: "subcategories_json with no categories", columns: { subcategories_json: '{"categories": []}' } },
  { detail: "blank subcategory column", columns: { subcategory: "   " } },
  { detail: "empty subcategory column", columns: { subcategory: "" } },
  {
    detail: "analysis without subcategories",
    columns: { analysis: JSON.stringify({ sentiment: "positive", complexity: "intermediate" }) },
  },
  {
    detail: "analysis with an empty subcategory list",
    columns: { analysis: JSON.stringify({ categories: [{ category: "Science", subcategories: [] }] }) },
  },
];
