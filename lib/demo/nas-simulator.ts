import Database from "better-sqlite3";
import { insertSummary, upsertContent } from "@/lib/contract/nas-writes";
import { renderSummaryHtml } from "@/lib/merge/transforms";
import { withTargetClient } from "@/lib/target/connect";

/**
 * The demo NAS: processes a video the way the real NAS does during dual write (YTV2-CONTRACT.md
 * §4): a row and a summary into its own SQLite file and, with dual write on, the same report
 * into the target through the contract's NAS writes. Each failure the real dual write let
 * through can be injected, so the demo and the tests can show parity naming it:
 * - `sqlite_only`: the PostgreSQL write failed and was logged (the report counted as synced);
 * - `target_only`: the SQLite write failed, PostgreSQL got it;
 * - `untitled`: PostgreSQL got the title overwritten by a default, `(untitled)`.
 * A re-summary sent at revision 1 to PostgreSQL hits the unique key and is swallowed.
 * With `postgresOnly` the NAS runs as after step 6's dual write off (POSTGRES_ONLY=true): its
 * SQLite file is no longer written, the report goes to PostgreSQL only.
 * Only for the demo pair and tests: it writes the files it is given.
 */
export type SimulatedVideo = {
  videoId: string;
  title: string;
  channel: string;
  summary: string;
  /** default: now */
  indexedAt?: string;
  topics?: string[];
};

export type InjectedFailure = "sqlite_only" | "target_only" | "untitled";

export type Processed = { videoId: string; sqlite: boolean; target: boolean; note: string };

export async function simulateProcessVideo(options: {
  nasFile: string;
  databaseUrl: string;
  dualWrite: boolean;
  postgresOnly?: boolean;
  video: SimulatedVideo;
  fail?: InjectedFailure;
}): Promise<Processed> {
  const { video, fail } = options;
  const postgresOnly = options.postgresOnly === true && !options.dualWrite;
  const indexedAt = video.indexedAt ?? new Date().toISOString();
  const topics = video.topics ?? ["demo"];
  const sqlite = !postgresOnly && fail !== "target_only";
  const target = (options.dualWrite || postgresOnly) && fail !== "sqlite_only";
  if (sqlite) {
    withNasFile(options.nasFile, (db) => {
      db.prepare(
        `INSERT INTO content (id, video_id, title, canonical_url, thumbnail_url, indexed_at, duration_seconds, has_audio,
           channel_name, language, key_topics, processing_status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 600, 1, ?, 'en', ?, 'completed', ?, ?)`,
      ).run(
        `yt:${video.videoId}`,
        video.videoId,
        video.title,
        `https://www.youtube.com/watch?v=${video.videoId}`,
        `https://i.ytimg.com/vi/${video.videoId}/hqdefault.jpg`,
        indexedAt,
        video.channel,
        JSON.stringify(topics),
        indexedAt,
        indexedAt,
      );
      db.prepare(
        "INSERT INTO summary_variants (video_id, variant_type, revision, content, is_latest, created_at) VALUES (?, 'comprehensive', 1, ?, 1, ?)",
      ).run(video.videoId, video.summary, indexedAt);
    });
  }
  if (target) {
    await withTargetClient(options.databaseUrl, async (client) => {
      await upsertContent(client, {
        video_id: video.videoId,
        title: fail === "untitled" ? "(untitled)" : video.title,
        channel_name: video.channel,
        indexed_at: indexedAt,
        duration_seconds: 600,
        thumbnail_url: `https://i.ytimg.com/vi/${video.videoId}/hqdefault.jpg`,
        canonical_url: `https://www.youtube.com/watch?v=${video.videoId}`,
        subcategories_json: null,
        analysis_json: { language: "en", key_topics: topics },
        topics_json: topics,
        has_audio: true,
        language: "en",
      });
      await insertSummary(client, {
        video_id: video.videoId,
        variant: "comprehensive",
        text: video.summary,
        html: renderSummaryHtml(video.summary),
        created_at: indexedAt,
      });
    });
  }
  const note = postgresOnly
    ? "PostgreSQL only: the NAS wrote PostgreSQL and left its SQLite file alone"
    : !options.dualWrite
      ? "dual write is off: the NAS wrote its SQLite file only"
      : fail
        ? `failure injected: ${fail}`
        : "written to the NAS file and to PostgreSQL";
  return { videoId: video.videoId, sqlite, target, note };
}

/**
 * A re-summary: the NAS file gets the next revision as the latest. With `swallow`, the
 * PostgreSQL insert is lost as the real NAS lost it (a revision-1 insert that met the unique
 * key in its era's schema, logged and dropped); otherwise it reaches the target at revision 1,
 * which this target's latest-pointer trigger numbers as the next revision (contract §1).
 */
export async function simulateResummary(options: {
  nasFile: string;
  databaseUrl: string;
  videoId: string;
  text: string;
  swallow: boolean;
}): Promise<{ revision: number; reachedTarget: boolean }> {
  const at = new Date().toISOString();
  const revision = withNasFile(options.nasFile, (db) => {
    const next =
      Number(
        db
          .prepare("SELECT max(revision) FROM summary_variants WHERE video_id = ? AND variant_type = 'comprehensive'")
          .pluck()
          .get(options.videoId) ?? 0,
      ) + 1;
    db.prepare(
      "INSERT INTO summary_variants (video_id, variant_type, revision, content, is_latest, created_at) VALUES (?, 'comprehensive', ?, ?, 1, ?)",
    ).run(options.videoId, next, options.text, at);
    return next;
  });
  if (options.swallow) return { revision, reachedTarget: false };
  await withTargetClient(options.databaseUrl, (client) =>
    insertSummary(client, {
      video_id: options.videoId,
      variant: "comprehensive",
      text: options.text,
      html: renderSummaryHtml(options.text),
      created_at: at,
    }),
  );
  return { revision, reachedTarget: true };
}

/** The owner deletes a video on the Dashboard: only its SQLite file, the store it reads. */
export function simulateDashboardDelete(dashboardFile: string, videoId: string): boolean {
  return withNasFile(dashboardFile, (db) => {
    const ids = db.prepare("SELECT id FROM content WHERE video_id = ? OR id = ?").pluck().all(videoId, `yt:${videoId}`);
    db.prepare("DELETE FROM content_summaries WHERE content_id IN (SELECT value FROM json_each(?))").run(
      JSON.stringify(ids),
    );
    db.prepare("DELETE FROM summary_variants WHERE video_id IN (?, ?)").run(videoId, `yt:${videoId}`);
    return db.prepare("DELETE FROM content WHERE video_id = ? OR id = ?").run(videoId, `yt:${videoId}`).changes > 0;
  });
}

function withNasFile<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.transaction(() => fn(db))();
  } finally {
    db.close();
  }
}
