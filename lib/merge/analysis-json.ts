import { hasCategories, legacyCategories, type CategoryEntry } from "@/lib/contract/card";
import { normalizeCategorization } from "@/lib/diff/categorization-diff";
import { canonicalJson } from "./transforms";
import type { TargetValues } from "./fields";

/**
 * `analysis_json` as YTV2-CONTRACT.md §2 asks: the PostgreSQL-era Dashboard reads a card's facts
 * from this object, where the SQLite-era one read the content columns. So the copy writes
 * each card key from the merged record's column (what the owner saw), keeps every other key
 * of the legacy `analysis` object, and loses nothing:
 * - a legacy value a card key replaces, when it differs, is kept under `legacy_replaced`
 *   (`{"<key>": <legacy value>}`) in the same object; a legacy `analysis` that is not an
 *   object (a list, a number) is kept whole under `legacy_analysis`;
 * - `complexity`, which the Dashboard reads when `complexity_level` is missing, moves to
 *   `legacy_replaced` when the merged `complexity_level` is empty, so the card shows the column;
 * - `categories` is built from the legacy `category`/`subcategory` columns (lib/contract/card.ts,
 *   legacyCategories) where neither `subcategories_json` nor the legacy analysis has any, or the
 *   chips of a record categorized only in those columns vanish.
 */
export const REPLACED_KEY = "legacy_replaced";
export const NON_OBJECT_KEY = "legacy_analysis";

/** analysis_json key → the merged content column it is written from. */
export const CARD_KEYS: Readonly<Record<string, string>> = {
  language: "language",
  content_type: "content_type",
  complexity_level: "complexity_level",
  key_topics: "topics_json",
  named_entities: "named_entities_json",
  word_count: "word_count",
  audio_duration_seconds: "audio_duration_seconds",
  has_transcript: "has_transcript",
  transcript_chars: "transcript_chars",
  category: "category",
  // not in the contract's list of keys, but on the card (analysis.subcategory): read from here too
  subcategory: "subcategory",
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown) => a === b || canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** The contract's analysis_json for merged values whose `analysis_json` is still the legacy object. */
export function buildAnalysisJson(values: TargetValues): Record<string, unknown> {
  const legacy = values.analysis_json ?? null;
  const out: Record<string, unknown> = isObject(legacy) ? { ...legacy } : {};
  const replaced: Record<string, unknown> = {};
  if (legacy !== null && !isObject(legacy)) out[NON_OBJECT_KEY] = legacy;
  if (REPLACED_KEY in out) {
    replaced[REPLACED_KEY] = out[REPLACED_KEY];
    delete out[REPLACED_KEY];
  }
  for (const [key, column] of Object.entries(CARD_KEYS)) {
    const value = values[column] ?? null;
    if (key in out && !same(out[key], value)) replaced[key] = out[key];
    out[key] = value;
  }
  if ((values.complexity_level ?? null) === null && typeof out.complexity === "string" && out.complexity.trim()) {
    replaced.complexity = out.complexity;
    delete out.complexity;
  }
  if (!hasCategories(values.subcategories_json) && !hasCategories(out)) {
    const built = legacyCategories(values.category, values.subcategory, legacy);
    if (built.length > 0) {
      if ("categories" in out) replaced.categories = out.categories;
      out.categories = built;
    }
  }
  if (Object.keys(replaced).length > 0) out[REPLACED_KEY] = replaced;
  return out;
}

/**
 * A categorization record's categories as the merged source holds them, read before
 * analysis_json is built: what verify expects its card to show. lib/diff reads them as the
 * review shows them; where they come from the legacy columns (the `subcategory` column, or an
 * analysis with bare `subcategories`), the category names are read as the contract says the
 * column holds them (a JSON list or one name). No category name at all stays lib/diff's
 * "(no category)", which no card can show, so verify names the record.
 */
export function recordCategorization(values: TargetValues): CategoryEntry[] {
  const read = normalizeCategorization(values);
  const legacyOnly = read.from === "subcategory" || (read.from === "analysis" && !hasCategories(values.analysis_json));
  if (!legacyOnly) return read.categories;
  const built = legacyCategories(values.category, values.subcategory, values.analysis_json).filter(
    (entry) => entry.subcategories.length > 0,
  );
  return built.length > 0 ? built : read.categories;
}
