import type pg from "pg";
import { pgTimestampTextSql } from "@/lib/merge/transforms";
import {
  analysisFromJson,
  CARD_VARIANTS,
  PAGE_SIZE,
  type Card,
  type CardPage,
  type CardQuery,
  type CardSort,
  type FacetCount,
  type Facets,
} from "./card";

/**
 * The PostgreSQL-era Dashboard's reads, written from YTV2-CONTRACT.md §2–3: the card list
 * (`/api/reports`), its facets (`/api/filters`), search and the detail page. The Schema step's
 * contract self-test, verify, the review's Dashboard view and the parity step's shadow read all
 * read the target through this one module, so they agree with each other and with the contract.
 *
 * A video is listed when, among its latest summaries in CARD_VARIANTS, the first in that order
 * has non-NULL html; the card shows that summary. Sorts are the Dashboard's, without a
 * tiebreaker (ORDER BY … DESC puts NULLs first, as PostgreSQL does by default).
 */
type Db = Pick<pg.ClientBase, "query">;

const VARIANTS_SQL = `ARRAY[${CARD_VARIANTS.map((v) => `'${v}'`).join(", ")}]::text[]`;

/** The card's summary: the first latest summary in the preferred variants, whatever its html. */
const CARD_SUMMARY_JOIN = `
  JOIN LATERAL (
    SELECT v.variant, v.revision, v.text, v.html, v.summary_type
      FROM v_latest_summaries v
     WHERE v.video_id = c.video_id AND v.variant = ANY (${VARIANTS_SQL})
     ORDER BY array_position(${VARIANTS_SQL}, v.variant)
     LIMIT 1
  ) s ON true`;

const LISTED = "s.html IS NOT NULL";

/** `subcategories_json.categories` when it has entries, else `analysis_json.categories`. */
const HAS_OWN_CATEGORIES = `coalesce(jsonb_typeof(c.subcategories_json -> 'categories') = 'array' AND jsonb_array_length(c.subcategories_json -> 'categories') > 0, false)`;
export const CARD_CATEGORIES_SQL = `(CASE WHEN ${HAS_OWN_CATEGORIES} THEN c.subcategories_json -> 'categories' ELSE c.analysis_json -> 'categories' END)`;

const CARD_COLUMNS = `c.video_id, c.id, c.title, c.thumbnail_url, c.canonical_url, c.channel_name,
       ${pgTimestampTextSql("c.published_at")} AS published_at, ${pgTimestampTextSql("c.indexed_at")} AS indexed_at,
       c.duration_seconds, c.has_audio, c.analysis_json, c.subcategories_json`;

const ORDER: Record<CardSort, string> = {
  added_desc: "c.indexed_at DESC",
  newest: "c.indexed_at DESC",
  indexed_at: "c.indexed_at DESC",
  video_newest: "c.published_at DESC",
  title_az: "c.title ASC",
  title_za: "c.title DESC",
  channel_az: "c.channel_name ASC",
  channel_za: "c.channel_name DESC",
};

export type CardRow = {
  video_id: string;
  id: string | null;
  title: string;
  thumbnail_url: string | null;
  canonical_url: string | null;
  channel_name: string | null;
  published_at: string | null;
  indexed_at: string | null;
  duration_seconds: number | null;
  has_audio: boolean | null;
  analysis_json: unknown;
  subcategories_json: unknown;
  variant: string | null;
  text: string | null;
  html: string | null;
  summary_type: string | null;
};

export function cardFromRow(row: CardRow): Card {
  const read = analysisFromJson(row.analysis_json, row.subcategories_json);
  return {
    id: row.id,
    title: row.title,
    thumbnail_url: row.thumbnail_url,
    canonical_url: row.canonical_url,
    channel: row.channel_name,
    published_at: row.published_at,
    duration_seconds: row.duration_seconds,
    analysis: read.analysis,
    media: { has_audio: row.has_audio === true, ...read.media },
    video_id: row.video_id,
    indexed_at: row.indexed_at,
    word_count: read.word_count,
    summary:
      row.variant === null
        ? null
        : { variant: row.variant, text: row.text, html: row.html, summary_type: row.summary_type },
  };
}

/** `LIKE` pattern for a literal substring. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The card list's WHERE and its parameters for a query (the filters of /api/reports). */
function filters(query: CardQuery, params: unknown[]): { where: string; titleMatch: string | null } {
  const where = [LISTED];
  let titleMatch: string | null = null;
  if (query.category !== undefined) {
    params.push(JSON.stringify({ categories: [{ category: query.category }] }));
    const wanted = `$${params.length}::jsonb`;
    where.push(
      `(c.subcategories_json @> ${wanted} OR (NOT ${HAS_OWN_CATEGORIES} AND coalesce(c.analysis_json @> ${wanted}, false)))`,
    );
  }
  if (query.language !== undefined) {
    params.push(query.language);
    where.push(`c.language = $${params.length}`);
  }
  if (query.search !== undefined && query.search.trim() !== "") {
    params.push(containsPattern(query.search.trim()));
    titleMatch = `c.title ILIKE $${params.length}`;
    where.push(`(${titleMatch} OR s.text ILIKE $${params.length})`);
  }
  return { where: where.join(" AND "), titleMatch };
}

/** The card list's two statements for a query: its page and its total, over the same join and filters. */
export function cardListStatements(query: CardQuery = {}) {
  const size = Math.max(1, Math.min(query.size ?? PAGE_SIZE, 500));
  const page = Math.max(1, query.page ?? 1);
  const params: unknown[] = [];
  const { where, titleMatch } = filters(query, params);
  const order = [titleMatch ? `(${titleMatch}) DESC` : null, ORDER[query.sort ?? "added_desc"]].filter(Boolean);
  const from = `FROM content c ${CARD_SUMMARY_JOIN} WHERE ${where}`;
  const orderBy = `ORDER BY ${order.join(", ")}`;
  const ordered = `SELECT ${CARD_COLUMNS}, s.variant, s.text, s.html, s.summary_type ${from} ${orderBy}`;
  return {
    page,
    size,
    params,
    total: `SELECT count(*) AS n ${from}`,
    /**
     * The whole list's video ids in its order, unpaged (the shadow read walks it through a
     * cursor), each with its sort key as text: cards with equal keys are ties the order leaves open.
     */
    orderedKeys: `SELECT c.video_id, (ROW(${order.map((o) => o!.replace(/ (ASC|DESC)$/, "")).join(", ")}))::text AS sort_key ${from} ${orderBy}`,
    cards: `${ordered} LIMIT ${size} OFFSET ${(page - 1) * size}`,
  };
}

/** One page of the card list, and the total from the same join and filters. */
export async function listCards(db: Db, query: CardQuery = {}): Promise<CardPage> {
  const statements = cardListStatements(query);
  const total = await db.query<{ n: string }>(statements.total, statements.params);
  const rows = await db.query<CardRow>(statements.cards, statements.params);
  const { page, size } = statements;
  return { cards: rows.rows.map(cardFromRow), total_count: Number(total.rows[0]!.n), page, size };
}

/** The card list's facets (/api/filters), counted over the listed cards. */
export async function readFacets(db: Db): Promise<Facets> {
  const listed = `SELECT c.*, s.summary_type AS card_summary_type FROM content c ${CARD_SUMMARY_JOIN} WHERE ${LISTED}`;
  const count = async (expression: string, from = "cards c") => {
    const { rows } = await db.query<{ value: string; count: string }>(
      `WITH cards AS (${listed})
       SELECT value, count(*) AS count FROM (SELECT ${expression} AS value FROM ${from}) f
        WHERE value IS NOT NULL GROUP BY value ORDER BY count(*) DESC, value`,
    );
    return rows.map((r): FacetCount => ({ value: r.value, count: Number(r.count) }));
  };
  const categories = `cards c, jsonb_array_elements(CASE WHEN jsonb_typeof(${CARD_CATEGORIES_SQL}) = 'array' THEN ${CARD_CATEGORIES_SQL} ELSE '[]'::jsonb END) AS e`;
  return {
    categories: await count("e ->> 'category'", categories),
    subcategories: await count(
      "sub",
      `${categories}, jsonb_array_elements_text(CASE WHEN jsonb_typeof(e -> 'subcategories') = 'array' THEN e -> 'subcategories' ELSE '[]'::jsonb END) AS sub`,
    ),
    content_type: await count("c.analysis_json ->> 'content_type'"),
    complexity_level: await count("coalesce(c.analysis_json ->> 'complexity_level', c.analysis_json ->> 'complexity')"),
    language: await count("coalesce(c.analysis_json ->> 'language', 'en')"),
    summary_type: await count("c.summary_type_latest"),
    channel: await count("c.channel_name"),
  };
}

export type CardDetail = {
  card: Card;
  listed: boolean;
  /** every latest summary of the video, the card's variants first */
  summaries: {
    variant: string;
    revision: number;
    text: string | null;
    html: string | null;
    summary_type: string | null;
  }[];
};

/** The detail page: by video_id or by content.id (`yt:<video_id>`). */
export async function readCardDetail(db: Db, key: string): Promise<CardDetail | null> {
  const { rows } = await db.query<CardRow & { listed: boolean }>(
    `SELECT ${CARD_COLUMNS}, s.variant, s.text, s.html, s.summary_type, coalesce(${LISTED}, false) AS listed
       FROM content c LEFT ${CARD_SUMMARY_JOIN.trim()}
      WHERE c.video_id = $1 OR c.id = $1
      ORDER BY (c.video_id = $1) DESC LIMIT 1`,
    [key],
  );
  const row = rows[0];
  if (!row) return null;
  const summaries = await db.query<CardDetail["summaries"][number]>(
    `SELECT variant, revision, text, html, summary_type FROM v_latest_summaries WHERE video_id = $1
      ORDER BY coalesce(array_position(${VARIANTS_SQL}, variant), ${CARD_VARIANTS.length + 1}), variant`,
    [row.video_id],
  );
  return { card: cardFromRow(row), listed: row.listed, summaries: summaries.rows };
}

/**
 * The cards of these videos, each with whether the list shows it and the revision of the
 * summary it shows: what verify compares with the merged record. The summary's text and html
 * are left out (null): verify's record hashes already compare every summary's text and html,
 * so the revision names them, and PostgreSQL need not read them a second time.
 */
export async function readCards(
  db: Db,
  videoIds: string[],
): Promise<Map<string, { card: Card; listed: boolean; revision: number | null }>> {
  const result = new Map<string, { card: Card; listed: boolean; revision: number | null }>();
  if (videoIds.length === 0) return result;
  const { rows } = await db.query<CardRow & { listed: boolean; revision: number | null }>(
    `SELECT ${CARD_COLUMNS}, s.variant, s.revision, NULL AS text, NULL AS html, s.summary_type,
            coalesce(${LISTED}, false) AS listed
       FROM content c LEFT ${CARD_SUMMARY_JOIN.trim()}
      WHERE c.video_id = ANY ($1)`,
    [videoIds],
  );
  for (const row of rows) {
    result.set(row.video_id, { card: cardFromRow(row), listed: row.listed, revision: row.revision });
  }
  return result;
}
