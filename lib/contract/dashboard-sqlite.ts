import type Database from "better-sqlite3";
import { toBoolean, toKeyTopics } from "@/lib/merge/transforms";
import {
  cardCategories,
  categoryEntries,
  hasCategories,
  legacyCategories,
  legacyCategoryNames,
  PAGE_SIZE,
  type Card,
  type CardPage,
  type CardQuery,
  type CardSort,
  type CategoryEntry,
  type FacetCount,
  type Facets,
} from "./card";

/**
 * The SQLite-era Dashboard's reads (YTV2-CONTRACT.md §3), in the same card shape as
 * dashboard-pg.ts, for the review's Dashboard view and the parity step's shadow read. That
 * Dashboard listed every content row, summary or not; it read each fact from the content
 * columns; `added_desc` sorted the TEXT `indexed_at` as text (so mixed timestamp spellings
 * order differently from their instants); `newest` meant `published_at`; its category filter
 * read the `category` column and `subcategories_json`. The timestamps stay the text as stored.
 */
type Row = Record<string, unknown>;

const ORDER: Record<CardSort, string> = {
  added_desc: "indexed_at DESC",
  indexed_at: "indexed_at DESC",
  newest: "published_at DESC",
  video_newest: "published_at DESC",
  title_az: "title ASC",
  title_za: "title DESC",
  channel_az: "channel_name ASC",
  channel_za: "channel_name DESC",
};

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);
const integer = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value)
    ? value
    : typeof value === "bigint"
      ? Number(value)
      : typeof value === "string" && /^-?\d+$/.test(value.trim())
        ? Number(value)
        : null;
const stamp = (value: unknown) => (value === null || value === undefined ? null : String(value));

function parsed(value: unknown): unknown {
  if (typeof value !== "string") return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function jsonList(value: unknown): unknown[] {
  const list = parsed(value);
  return Array.isArray(list) ? list : [];
}

/** The chips: subcategories_json's categories, else the legacy analysis's, else the category and subcategory columns. */
export function sqliteCategories(row: Row): CategoryEntry[] {
  const subcategoriesJson = parsed(row.subcategories_json);
  const analysis = parsed(row.analysis);
  if (hasCategories(subcategoriesJson) || hasCategories(analysis)) return cardCategories(subcategoriesJson, analysis);
  return legacyCategories(row.category, row.subcategory, analysis);
}

/** One content row as the SQLite-era Dashboard's card. */
export function sqliteCard(row: Row): Card {
  return {
    id: stamp(row.id),
    title: typeof row.title === "string" ? row.title : String(row.title ?? ""),
    thumbnail_url: text(row.thumbnail_url),
    canonical_url: text(row.canonical_url),
    channel: text(row.channel_name),
    published_at: stamp(row.published_at),
    duration_seconds: integer(row.duration_seconds),
    analysis: {
      category: text(row.category),
      subcategory: text(row.subcategory),
      categories: sqliteCategories(row),
      content_type: text(row.content_type),
      complexity_level: text(row.complexity_level),
      language: text(row.language) ?? "en",
      key_topics: toKeyTopics(row.key_topics).value ?? [],
      named_entities: jsonList(row.named_entities),
    },
    media: {
      has_audio: toBoolean(row.has_audio).value,
      audio_duration_seconds: integer(row.audio_duration_seconds),
      has_transcript: toBoolean(row.has_transcript).value,
      transcript_chars: integer(row.transcript_chars),
    },
    video_id: text(row.video_id),
    indexed_at: stamp(row.indexed_at),
    word_count: integer(row.word_count),
    summary: null,
  };
}

/** The category filter: the `category` column (one name or a JSON list) or subcategories_json's categories. */
export function sqliteCategoryMatches(row: Row, category: string): boolean {
  if (legacyCategoryNames(row.category).includes(category)) return true;
  const json = parsed(row.subcategories_json);
  return (
    typeof json === "object" &&
    json !== null &&
    categoryEntries((json as { categories?: unknown }).categories).some((e) => e.category === category)
  );
}

function columns(db: Database.Database): Set<string> {
  return new Set((db.prepare("PRAGMA main.table_info(content)").all() as { name: string }[]).map((c) => c.name));
}

function orderedRows(db: Database.Database, sort: CardSort): IterableIterator<Row> {
  return db.prepare(`SELECT * FROM content ORDER BY ${ORDER[sort]}`).iterate() as IterableIterator<Row>;
}

/**
 * The card list's rows in its order, filtered the SQLite era's way, one row at a time: the
 * shadow read walks every page of a 100k-row list without holding it. A search lists title
 * matches first, then rows whose `summary` matches (a second pass).
 */
export function* iterateSqliteCardRows(db: Database.Database, query: CardQuery = {}): Generator<Row> {
  const sort = query.sort ?? "added_desc";
  const hasSummary = columns(db).has("summary");
  const keep = (row: Row) =>
    (query.category === undefined || sqliteCategoryMatches(row, query.category)) &&
    (query.language === undefined || row.language === query.language);
  const search = query.search?.trim().toLowerCase();
  if (!search) {
    for (const row of orderedRows(db, sort)) if (keep(row)) yield row;
    return;
  }
  const inTitle = (row: Row) =>
    String(row.title ?? "")
      .toLowerCase()
      .includes(search);
  const inSummary = (row: Row) =>
    hasSummary &&
    String(row.summary ?? "")
      .toLowerCase()
      .includes(search);
  for (const row of orderedRows(db, sort)) if (keep(row) && inTitle(row)) yield row;
  for (const row of orderedRows(db, sort)) if (keep(row) && !inTitle(row) && inSummary(row)) yield row;
}

/** Every content row, filtered and sorted the SQLite era's way, one page of it. */
export function listSqliteCards(db: Database.Database, query: CardQuery = {}): CardPage {
  const size = Math.max(1, Math.min(query.size ?? PAGE_SIZE, 500));
  const page = Math.max(1, query.page ?? 1);
  const cards: Card[] = [];
  let total = 0;
  for (const row of iterateSqliteCardRows(db, query)) {
    if (total >= (page - 1) * size && total < page * size) cards.push(sqliteCard(row));
    total++;
  }
  return { cards, total_count: total, page, size };
}

function add(counts: Map<string, number>, values: (string | null)[]) {
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
}

function tally(counts: Map<string, number>): FacetCount[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** The facets over every content row (read one row at a time); the SQLite era had no summary type. */
export function readSqliteFacets(db: Database.Database): Facets {
  const groups = ["categories", "subcategories", "content_type", "complexity_level", "language", "channel"] as const;
  const counts = Object.fromEntries(groups.map((g) => [g, new Map<string, number>()])) as Record<
    (typeof groups)[number],
    Map<string, number>
  >;
  for (const row of orderedRows(db, "added_desc")) {
    const card = sqliteCard(row);
    add(
      counts.categories,
      card.analysis.categories.map((e) => e.category),
    );
    add(
      counts.subcategories,
      card.analysis.categories.flatMap((e) => e.subcategories),
    );
    add(counts.content_type, [card.analysis.content_type]);
    add(counts.complexity_level, [card.analysis.complexity_level]);
    add(counts.language, [card.analysis.language]);
    add(counts.channel, [card.channel]);
  }
  return {
    categories: tally(counts.categories),
    subcategories: tally(counts.subcategories),
    content_type: tally(counts.content_type),
    complexity_level: tally(counts.complexity_level),
    language: tally(counts.language),
    summary_type: [],
    channel: tally(counts.channel),
  };
}

/** The detail page: by video_id or by content.id; the later-written row when a key has two. */
export function readSqliteCard(db: Database.Database, key: string): Card | null {
  const row = db
    .prepare("SELECT * FROM content WHERE video_id = ? OR id = ? OR id = ? ORDER BY rowid DESC LIMIT 1")
    .get(key, key, key.startsWith("yt:") ? key : `yt:${key}`) as Row | undefined;
  return row ? sqliteCard(row) : null;
}
