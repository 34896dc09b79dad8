/**
 * DESIGN.md: a categorization record is a content row with at least one non-empty
 * subcategory list, in `subcategories_json`, in `analysis` (`categories[].subcategories` or
 * `subcategories`), or in the `subcategory` column. Pure: takes the raw column values.
 */
export type CategorizationColumns = {
  subcategories_json?: unknown;
  analysis?: unknown;
  subcategory?: unknown;
};

function parseJsonObject(value: unknown): unknown {
  if (typeof value !== "string") return value ?? undefined;
  const text = value.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function nonEmptyStrings(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.filter((item): item is string => typeof item === "string" && item.trim() !== "");
}

function subcategoriesIn(parsed: unknown): string[] {
  if (!parsed || typeof parsed !== "object") return [];
  const found: string[] = [];
  const record = parsed as { categories?: unknown; subcategories?: unknown };
  if (Array.isArray(record.categories)) {
    for (const category of record.categories) {
      if (category && typeof category === "object") {
        found.push(...nonEmptyStrings((category as { subcategories?: unknown }).subcategories));
      }
    }
  }
  found.push(...nonEmptyStrings(record.subcategories));
  return found;
}

export function isCategorizationRecord(row: CategorizationColumns): boolean {
  if (subcategoriesIn(parseJsonObject(row.subcategories_json)).length > 0) return true;
  if (subcategoriesIn(parseJsonObject(row.analysis)).length > 0) return true;
  return typeof row.subcategory === "string" && row.subcategory.trim() !== "";
}

/** SQL columns the definition reads; a source may lack some of them (older schema). */
export const CATEGORIZATION_COLUMNS = ["subcategories_json", "analysis", "subcategory"] as const;
