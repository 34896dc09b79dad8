import type pg from "pg";

type Db = Pick<pg.ClientBase, "query">;

/**
 * A delete as the Dashboard takes its key (YTV2-CONTRACT.md §1, the detail page's key): the
 * card's `id` (`yt:<video_id>`, which the copy fills) or the bare `video_id`. A row the NAS
 * wrote after the cutover has no `id`, so `yt:<video_id>` also names it through its video_id.
 * The summaries go by the cascade, not by this statement. Returns the video_ids deleted.
 */
export async function deleteVideo(db: Db, key: string): Promise<string[]> {
  const bare = key.startsWith("yt:") ? key.slice(3) : null;
  const { rows } = await db.query<{ video_id: string }>(
    "DELETE FROM content WHERE video_id = $1 OR id = $1 OR video_id = $2 RETURNING video_id",
    [key, bare],
  );
  return rows.map((row) => row.video_id).sort();
}

/** What is left of a video in the drill's tables: its content row and its summary rows. */
export async function videoRows(db: Db, videoId: string): Promise<{ content: number; summaries: number }> {
  const { rows } = await db.query<{ content: number; summaries: number }>(
    `SELECT (SELECT count(*)::int FROM content WHERE video_id = $1) AS content,
            (SELECT count(*)::int FROM content_summaries WHERE video_id = $1) AS summaries`,
    [videoId],
  );
  return rows[0]!;
}
