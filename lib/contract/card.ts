/**
 * The Dashboard's card (YTV2-CONTRACT.md §3), the same shape for both eras, so the parity
 * step's shadow read can compare them card by card. Pure: the two era modules read rows
 * (dashboard-pg.ts, dashboard-sqlite.ts) and build cards with these helpers.
 */
export type CategoryEntry = { category: string; subcategories: string[] };

export type CardAnalysis = {
  category: string | null;
  subcategory: string | null;
  categories: CategoryEntry[];
  content_type: string | null;
  complexity_level: string | null;
  language: string;
  key_topics: unknown[];
  named_entities: unknown[];
};

export type CardMedia = {
  has_audio: boolean;
  audio_duration_seconds: number | null;
  has_transcript: boolean;
  transcript_chars: number | null;
};

/** Only the PostgreSQL era returns the card's summary with the card. */
export type CardSummary = { variant: string; text: string | null; html: string | null; summary_type: string | null };

export type Card = {
  id: string | null;
  title: string;
  thumbnail_url: string | null;
  canonical_url: string | null;
  channel: string | null;
  /** PostgreSQL era: ISO-8601 UTC as the copy writes it; SQLite era: the TEXT as stored */
  published_at: string | null;
  duration_seconds: number | null;
  analysis: CardAnalysis;
  media: CardMedia;
  video_id: string | null;
  indexed_at: string | null;
  word_count: number | null;
  summary: CardSummary | null;
};

/** The card list's variants, in the order the Dashboard prefers them. */
export const CARD_VARIANTS = [
  "comprehensive",
  "key-points",
  "bullet-points",
  "executive",
  "key-insights",
  "audio",
  "audio-fr",
  "audio-es",
] as const;

export const CARD_SORTS = [
  "added_desc",
  "newest",
  "indexed_at",
  "video_newest",
  "title_az",
  "title_za",
  "channel_az",
  "channel_za",
] as const;
export type CardSort = (typeof CARD_SORTS)[number];

/** The UI asks for pages of 12. */
export const PAGE_SIZE = 12;

export type CardQuery = {
  sort?: CardSort;
  page?: number;
  size?: number;
  category?: string;
  language?: string;
  search?: string;
};

export type CardPage = { cards: Card[]; total_count: number; page: number; size: number };

export type FacetCount = { value: string; count: number };
export type Facets = {
  categories: FacetCount[];
  subcategories: FacetCount[];
  content_type: FacetCount[];
  complexity_level: FacetCount[];
  language: FacetCount[];
  summary_type: FacetCount[];
  channel: FacetCount[];
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function strings(list: unknown): string[] {
  return Array.isArray(list)
    ? list.filter((item): item is string => typeof item === "string" && item.trim() !== "")
    : [];
}

/** A `categories` list as the Dashboard draws chips from it: entries with a category name. */
export function categoryEntries(list: unknown): CategoryEntry[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    if (!isObject(item)) return [];
    const category = text(item.category);
    return category ? [{ category, subcategories: strings(item.subcategories) }] : [];
  });
}

/** Whether a JSON object holds a non-empty `categories` list (what "else" falls through on). */
export function hasCategories(json: unknown): boolean {
  return isObject(json) && Array.isArray(json.categories) && json.categories.length > 0;
}

/** The card's own reading: `subcategories_json.categories`, else `analysis_json.categories`. */
export function cardCategories(subcategoriesJson: unknown, analysisJson: unknown): CategoryEntry[] {
  const source = hasCategories(subcategoriesJson) ? subcategoriesJson : analysisJson;
  return isObject(source) ? categoryEntries(source.categories) : [];
}

/** The legacy `category` column: a JSON array of names or one plain name. */
export function legacyCategoryNames(category: unknown): string[] {
  const value = text(category);
  if (value === null) return [];
  const trimmed = value.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return strings(parsed);
    } catch {
      // not a list after all: the text is one name
    }
  }
  return [value];
}

/** The legacy `subcategory` column: one name, or a JSON list of names (as lib/diff reads it). */
export function legacySubcategories(subcategory: unknown): string[] {
  const value = text(subcategory);
  if (value === null) return [];
  if (value.trim().startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(value.trim());
      if (Array.isArray(parsed)) return strings(parsed);
    } catch {
      // one name that happens to start with a bracket
    }
  }
  return [value];
}

/**
 * YTV2-CONTRACT.md §2: categories built from the legacy columns, one entry per `category`
 * value with the legacy subcategory as its list (or an empty one). Where the `subcategory`
 * column is empty but the legacy `analysis` lists bare `subcategories` (no `categories`), those
 * are the record's curated subcategories and are used, so its chips do not lose them.
 */
export function legacyCategories(category: unknown, subcategory: unknown, analysis: unknown): CategoryEntry[] {
  const column = legacySubcategories(subcategory);
  const subcategories = column.length > 0 ? column : isObject(analysis) ? strings(analysis.subcategories) : [];
  return legacyCategoryNames(category).map((name) => ({ category: name, subcategories: [...subcategories] }));
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** A card's analysis read from `analysis_json` as the PostgreSQL-era Dashboard reads it (§2). */
export function analysisFromJson(
  analysisJson: unknown,
  subcategoriesJson: unknown,
): { analysis: CardAnalysis; media: Omit<CardMedia, "has_audio">; word_count: number | null } {
  const a = isObject(analysisJson) ? analysisJson : {};
  const categories = cardCategories(subcategoriesJson, analysisJson);
  return {
    analysis: {
      category: text(a.category),
      subcategory: text(a.subcategory),
      categories,
      content_type: text(a.content_type),
      complexity_level: text(a.complexity_level) ?? text(a.complexity),
      language: text(a.language) ?? "en",
      key_topics: list(a.key_topics),
      named_entities: list(a.named_entities),
    },
    media: {
      audio_duration_seconds: numberOrNull(a.audio_duration_seconds),
      has_transcript: a.has_transcript === true,
      transcript_chars: numberOrNull(a.transcript_chars),
    },
    word_count: numberOrNull(a.word_count),
  };
}
