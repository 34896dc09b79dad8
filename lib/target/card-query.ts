import "server-only";
import type pg from "pg";

/**
 * The Dashboard's card list on the target: each video with its latest `comprehensive`
 * summary, else the best other latest variant; newest `indexed_at` first, videos without one
 * last. Keyset-paginated on (indexed_at, video_id), which content_indexed_at_idx serves in
 * order, so a page costs the same wherever it is and no query sorts the whole table.
 */
export type CardCursor = { indexedAt: string | null; videoId: string };

export type Card = {
  videoId: string;
  id: string;
  title: string;
  channelName: string | null;
  thumbnailUrl: string | null;
  canonicalUrl: string | null;
  publishedAt: Date | null;
  indexedAt: Date | null;
  durationSeconds: number | null;
  category: string | null;
  subcategory: string | null;
  subcategoriesJson: unknown;
  language: string | null;
  hasAudio: boolean;
  summaryVariant: string | null;
  summaryText: string | null;
  summaryHtml: string | null;
};

export type CardPage = { cards: Card[]; nextCursor: CardCursor | null };

/** Which variant a card shows when a video has no comprehensive summary. */
export const VARIANT_PREFERENCE = ["comprehensive", "bullet-points", "key-points"];

const SELECT = `
SELECT c.video_id, c.id, c.title, c.channel_name, c.thumbnail_url, c.canonical_url, c.published_at, c.indexed_at,
       c.indexed_at::text AS indexed_at_key, c.duration_seconds, c.category, c.subcategory, c.subcategories_json,
       c.language, c.has_audio, s.variant AS summary_variant, s.text AS summary_text, s.html AS summary_html
  FROM content c
  LEFT JOIN LATERAL (
    SELECT v.variant, v.text, v.html
      FROM v_latest_summaries v
     WHERE v.video_id = c.video_id
     ORDER BY CASE v.variant ${VARIANT_PREFERENCE.map((variant, i) => `WHEN '${variant}' THEN ${i}`).join(" ")} ELSE ${VARIANT_PREFERENCE.length} END, v.variant
     LIMIT 1
  ) s ON true`;

const ORDER = "ORDER BY c.indexed_at DESC NULLS LAST, c.video_id DESC";

/** The SQL of each page shape; exported so a test can EXPLAIN exactly what runs. */
export const CARD_QUERIES = {
  firstPage: `${SELECT}\n WHERE c.indexed_at IS NOT NULL\n ${ORDER}\n LIMIT $1`,
  afterIndexed: `${SELECT}\n WHERE c.indexed_at IS NOT NULL AND (c.indexed_at, c.video_id) < ($2::timestamptz, $3::text)\n ${ORDER}\n LIMIT $1`,
  undatedFirst: `${SELECT}\n WHERE c.indexed_at IS NULL\n ${ORDER}\n LIMIT $1`,
  afterUndated: `${SELECT}\n WHERE c.indexed_at IS NULL AND c.video_id < $2::text\n ${ORDER}\n LIMIT $1`,
};

type Row = {
  video_id: string;
  id: string;
  title: string;
  channel_name: string | null;
  thumbnail_url: string | null;
  canonical_url: string | null;
  published_at: Date | null;
  indexed_at: Date | null;
  indexed_at_key: string | null;
  duration_seconds: number | null;
  category: string | null;
  subcategory: string | null;
  subcategories_json: unknown;
  language: string | null;
  has_audio: boolean;
  summary_variant: string | null;
  summary_text: string | null;
  summary_html: string | null;
};

function toCard(row: Row): Card {
  return {
    videoId: row.video_id,
    id: row.id,
    title: row.title,
    channelName: row.channel_name,
    thumbnailUrl: row.thumbnail_url,
    canonicalUrl: row.canonical_url,
    publishedAt: row.published_at,
    indexedAt: row.indexed_at,
    durationSeconds: row.duration_seconds,
    category: row.category,
    subcategory: row.subcategory,
    subcategoriesJson: row.subcategories_json,
    language: row.language,
    hasAudio: row.has_audio,
    summaryVariant: row.summary_variant,
    summaryText: row.summary_text,
    summaryHtml: row.summary_html,
  };
}

/**
 * One page of cards after `after` (the previous page's nextCursor). Dated videos come first;
 * when they run out within a page, the undated ones continue it.
 */
export async function listCards(
  db: Pick<pg.ClientBase, "query">,
  options: { limit?: number; after?: CardCursor | null } = {},
): Promise<CardPage> {
  const limit = Math.max(1, Math.min(options.limit ?? 24, 500));
  const after = options.after ?? null;
  const rows: Row[] = [];
  if (!after || after.indexedAt !== null) {
    const dated = after
      ? await db.query<Row>(CARD_QUERIES.afterIndexed, [limit, after.indexedAt, after.videoId])
      : await db.query<Row>(CARD_QUERIES.firstPage, [limit]);
    rows.push(...dated.rows);
  }
  if (rows.length < limit) {
    const undated =
      after && after.indexedAt === null
        ? await db.query<Row>(CARD_QUERIES.afterUndated, [limit - rows.length, after.videoId])
        : await db.query<Row>(CARD_QUERIES.undatedFirst, [limit - rows.length]);
    rows.push(...undated.rows);
  }
  const last = rows.at(-1);
  return {
    cards: rows.map(toCard),
    nextCursor: rows.length === limit && last ? { indexedAt: last.indexed_at_key, videoId: last.video_id } : null,
  };
}
