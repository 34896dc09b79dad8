import type pg from "pg";

/**
 * The NAS's cutover-era writes, as YTV2-CONTRACT.md §1 and §4 describe them: an upsert of
 * `content` on video_id (no `id` unless the NAS sends one), then an insert per summary with
 * (video_id, variant, text, html, revision, created_at) and no is_latest, revision 1 by
 * default. The Schema step's contract self-test, the delete drill and the demo NAS simulator
 * write through this module, so they write what the real NAS writes.
 */
type Db = Pick<pg.ClientBase, "query">;

export type NasReport = {
  video_id: string;
  title: string;
  channel_name?: string | null;
  indexed_at?: Date | string | null;
  duration_seconds?: number | null;
  thumbnail_url?: string | null;
  canonical_url?: string | null;
  subcategories_json?: unknown;
  analysis_json?: unknown;
  topics_json?: unknown;
  has_audio?: boolean | null;
  /** sent by later NAS versions only */
  id?: string | null;
  language?: string | null;
};

export type NasSummary = {
  video_id: string;
  variant: string;
  text: string | null;
  html: string | null;
  /** the NAS sends 1 unless told otherwise; the target's trigger numbers a re-summary */
  revision?: number | null;
  created_at?: Date | string;
};

const ALWAYS = [
  "title",
  "channel_name",
  "indexed_at",
  "duration_seconds",
  "thumbnail_url",
  "canonical_url",
  "subcategories_json",
  "analysis_json",
  "topics_json",
  "has_audio",
] as const;
const JSON_COLUMNS = new Set(["subcategories_json", "analysis_json", "topics_json"]);

/** The content upsert; returns whether it inserted (false: it updated an existing row). */
export async function upsertContent(db: Db, report: NasReport): Promise<{ inserted: boolean }> {
  const later = (["id", "language"] as const).filter((column) => report[column] !== undefined);
  const columns = ["video_id", ...ALWAYS, ...later];
  const values = columns.map((column) => {
    const value = (report as Record<string, unknown>)[column] ?? null;
    return JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value;
  });
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO content (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})
     ON CONFLICT (video_id) DO UPDATE SET ${columns
       .filter((c) => c !== "video_id")
       .map((c) => `${c} = EXCLUDED.${c}`)
       .join(", ")}
     RETURNING (xmax = 0) AS inserted`,
    values,
  );
  return { inserted: rows[0]!.inserted };
}

/** One summary insert; returns the revision the row got and whether it is the latest. */
export async function insertSummary(db: Db, summary: NasSummary): Promise<{ revision: number; isLatest: boolean }> {
  const { rows } = await db.query<{ revision: number; is_latest: boolean }>(
    `INSERT INTO content_summaries (video_id, variant, text, html, revision, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING revision, is_latest`,
    [
      summary.video_id,
      summary.variant,
      summary.text,
      summary.html,
      summary.revision === undefined ? 1 : summary.revision,
      summary.created_at ?? new Date(),
    ],
  );
  return { revision: rows[0]!.revision, isLatest: rows[0]!.is_latest };
}
