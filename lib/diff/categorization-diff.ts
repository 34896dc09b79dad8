/**
 * A record's categorization (DESIGN.md: `subcategories_json`, else `analysis` with
 * `categories[].subcategories` or `subcategories`, else the plain `subcategory` column) as
 * `category → subcategories[]`, and the diff of two sides as chips marked same / added /
 * removed ("added" = only the right side has it). The first source that yields a non-empty
 * list wins, like the owner reads a record: `subcategories_json` is the curated one.
 *
 * Input values are JSON text, parsed objects or NULL, so both a SQLite row and a PostgreSQL
 * row (JSONB already parsed, `analysis_json`) fit. Text that does not parse is never dropped:
 * it is listed under `unreadable` with its raw text, whatever else was found.
 */
export type CategorizationInput = {
  subcategories_json?: unknown;
  analysis?: unknown;
  analysis_json?: unknown;
  subcategory?: unknown;
  category?: unknown;
};

export type CategoryEntry = { category: string; subcategories: string[] };
export type CategorizationSource = "subcategories_json" | "analysis" | "subcategory";

export type NormalizedCategorization = {
  categories: CategoryEntry[];
  /** where the categories came from; null when no source had any */
  from: CategorizationSource | null;
  unreadable: { field: "subcategories_json" | "analysis"; raw: string }[];
};

export type ChipState = "same" | "added" | "removed";
export type CategoryDiff = { category: string; state: ChipState; chips: { name: string; state: ChipState }[] };

export type CategorizationDiff = {
  categories: CategoryDiff[];
  /** the same categories with the same subcategories on both sides (order aside) */
  identical: boolean;
  /** identical as sets, but order or duplicates differ — a semantic JSON check still sees a change */
  orderOnly: boolean;
  left: NormalizedCategorization;
  right: NormalizedCategorization;
};

/** Shown for subcategories whose category was not named (the `subcategory` column, a bare list). */
export const NO_CATEGORY = "(no category)";

export function normalizeCategorization(input: CategorizationInput | null | undefined): NormalizedCategorization {
  const unreadable: NormalizedCategorization["unreadable"] = [];
  const read = (field: "subcategories_json" | "analysis", value: unknown) => {
    const parsed = parseLoose(value);
    if (parsed.unreadable !== undefined) unreadable.push({ field, raw: parsed.unreadable });
    return parsed.value;
  };
  const fallbackCategory = nonEmptyText(input?.category) ?? NO_CATEGORY;

  const fromJson = categoriesIn(read("subcategories_json", input?.subcategories_json), fallbackCategory);
  const analysis = read("analysis", input?.analysis_json ?? input?.analysis);
  const fromAnalysis = categoriesIn(analysis, analysisCategory(analysis) ?? fallbackCategory);
  const fromColumn = subcategoryColumn(input?.subcategory, fallbackCategory);

  if (hasSubcategories(fromJson)) return { categories: fromJson, from: "subcategories_json", unreadable };
  if (hasSubcategories(fromAnalysis)) return { categories: fromAnalysis, from: "analysis", unreadable };
  if (hasSubcategories(fromColumn)) return { categories: fromColumn, from: "subcategory", unreadable };
  return { categories: [], from: null, unreadable };
}

export function diffCategorization(
  left: CategorizationInput | null | undefined,
  right: CategorizationInput | null | undefined,
): CategorizationDiff {
  const a = normalizeCategorization(left);
  const b = normalizeCategorization(right);
  const leftMap = toMap(a.categories);
  const rightMap = toMap(b.categories);
  const names = [...leftMap.keys(), ...[...rightMap.keys()].filter((name) => !leftMap.has(name))];

  const categories = names.map((category): CategoryDiff => {
    const l = leftMap.get(category);
    const r = rightMap.get(category);
    const state: ChipState = l && r ? "same" : l ? "removed" : "added";
    const all = [...(l ?? []), ...[...(r ?? [])].filter((name) => !l?.has(name))];
    const chips = all.map((name) => ({ name, state: chipState(l?.has(name) ?? false, r?.has(name) ?? false) }));
    return { category, state, chips };
  });
  const identical = categories.every((c) => c.state === "same" && c.chips.every((chip) => chip.state === "same"));
  const orderOnly = identical && JSON.stringify(a.categories) !== JSON.stringify(b.categories);
  return { categories, identical, orderOnly, left: a, right: b };
}

function chipState(inLeft: boolean, inRight: boolean): ChipState {
  return inLeft && inRight ? "same" : inLeft ? "removed" : "added";
}

// merges a category named twice; a Set keeps first-seen order and drops duplicates
function toMap(categories: CategoryEntry[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const { category, subcategories } of categories) {
    const set = map.get(category) ?? new Set<string>();
    for (const name of subcategories) set.add(name);
    map.set(category, set);
  }
  return map;
}

function parseLoose(value: unknown): { value: unknown; unreadable?: string } {
  if (typeof value !== "string") return { value: value ?? undefined };
  const text = value.trim();
  if (text === "" || text === "null" || text === "None") return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { value: undefined, unreadable: value };
  }
}

function categoriesIn(parsed: unknown, fallbackCategory: string): CategoryEntry[] {
  if (Array.isArray(parsed)) return categoriesIn({ categories: parsed }, fallbackCategory);
  if (!parsed || typeof parsed !== "object") return [];
  const record = parsed as { categories?: unknown; subcategories?: unknown };
  const found: CategoryEntry[] = [];
  if (Array.isArray(record.categories)) {
    for (const item of record.categories) {
      if (typeof item === "string" && item.trim()) found.push({ category: item, subcategories: [] });
      if (!item || typeof item !== "object") continue;
      const entry = item as { category?: unknown; name?: unknown; subcategories?: unknown };
      const name = nonEmptyText(entry.category) ?? nonEmptyText(entry.name) ?? fallbackCategory;
      found.push({ category: name, subcategories: strings(entry.subcategories) });
    }
  }
  const bare = strings(record.subcategories);
  if (bare.length > 0) found.push({ category: fallbackCategory, subcategories: bare });
  return found;
}

function analysisCategory(parsed: unknown): string | undefined {
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  return nonEmptyText((parsed as { category?: unknown }).category);
}

// the column normally holds one name; a JSON list of names is read as such
function subcategoryColumn(value: unknown, category: string): CategoryEntry[] {
  if (typeof value !== "string" || value.trim() === "") return [];
  const text = value.trim();
  if (text.startsWith("[")) {
    const parsed = parseLoose(text).value;
    if (Array.isArray(parsed)) return [{ category, subcategories: strings(parsed) }];
  }
  return [{ category, subcategories: [value] }];
}

function strings(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  // names stay exact: a stray space is a real difference for the target's semantic JSON check
  return list.filter((item): item is string => typeof item === "string" && item.trim() !== "");
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function hasSubcategories(categories: CategoryEntry[]): boolean {
  return categories.some((entry) => entry.subcategories.length > 0);
}
