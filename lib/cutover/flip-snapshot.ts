import "server-only";
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type pg from "pg";
import type { ControlTx } from "@/lib/control/control-db";
import { deriveVideoKey } from "@/lib/merge/transforms/video-key";

/**
 * What PostgreSQL held at the flip, per video: `updated_at` and a digest of its summary rows
 * (id and revision, so a re-summary or a removed summary changes it). Rollback compares the
 * target now with this, so its delta is exactly what happened in PostgreSQL since the flip,
 * not the differences the copy deliberately left (quarantine, kept deletions).
 */
export type VideoStates = Record<string, string>;

export async function readVideoStates(client: pg.ClientBase): Promise<VideoStates> {
  const { rows } = await client.query<{ video_id: string; state: string }>(`
    SELECT c.video_id,
           coalesce(c.updated_at::text, '') || '|' ||
           md5(coalesce(string_agg(s.id::text || ':' || coalesce(s.revision::text, ''), ',' ORDER BY s.id), '')) AS state
      FROM content c
      LEFT JOIN content_summaries s ON s.video_id = c.video_id
     GROUP BY c.video_id, c.updated_at`);
  const states: VideoStates = {};
  for (const row of rows) states[row.video_id] = row.state;
  return states;
}

export function statesDigest(states: VideoStates): string {
  const hash = createHash("sha256");
  for (const videoId of Object.keys(states).sort()) hash.update(`${videoId}\t${states[videoId]}\n`);
  return hash.digest("hex");
}

export type StoredFlipSnapshot = { flipId: number; takenAt: string; videos: number; digest: string };

export async function storeFlipSnapshot(
  db: ControlTx,
  flipId: number,
  states: VideoStates,
  takenAt = new Date().toISOString(),
): Promise<StoredFlipSnapshot> {
  const snapshot = { flipId, takenAt, videos: Object.keys(states).length, digest: statesDigest(states) };
  await db.flipSnapshot.create({ data: { ...snapshot, states: JSON.stringify(states) } });
  return snapshot;
}

export async function loadFlipSnapshot(db: ControlTx, flipId: number): Promise<VideoStates | null> {
  const row = await db.flipSnapshot.findUnique({ where: { flipId } });
  if (!row) return null;
  const states = JSON.parse(row.states) as VideoStates;
  // the row is this tool's own record; a digest that no longer matches means it was edited
  if (statesDigest(states) !== row.digest) throw new Error(`flip snapshot ${flipId} does not match its digest`);
  return states;
}

export type DeltaEntry = { videoId: string; title: string | null };

/**
 * What reading SQLite again would do to the owner's data: videos PostgreSQL deleted since the
 * flip that the Dashboard's file still has (they would come back), videos written since the
 * flip that the file lacks (they would vanish from the Dashboard), and videos changed since the
 * flip (the file shows their older state).
 */
export type RollbackDelta = {
  wouldComeBack: DeltaEntry[];
  wouldVanish: DeltaEntry[];
  changedSinceFlip: DeltaEntry[];
  /** written or changed since the flip and present in the file too: dual write kept them */
  alreadyInSqlite: number;
};

export async function rollbackDelta(
  client: pg.ClientBase,
  atFlip: VideoStates,
  dashboard: Database.Database,
): Promise<RollbackDelta> {
  const now = await readVideoStates(client);
  const inSqlite = sqliteTitles(dashboard);
  const titles = await targetTitles(
    client,
    Object.keys(now).filter((id) => atFlip[id] !== now[id]),
  );
  const delta: RollbackDelta = { wouldComeBack: [], wouldVanish: [], changedSinceFlip: [], alreadyInSqlite: 0 };
  for (const videoId of Object.keys(atFlip).sort()) {
    if (videoId in now) continue;
    if (inSqlite.has(videoId)) delta.wouldComeBack.push({ videoId, title: inSqlite.get(videoId) ?? null });
  }
  for (const videoId of Object.keys(now).sort()) {
    if (atFlip[videoId] === now[videoId]) continue;
    const title = titles.get(videoId) ?? null;
    const present = inSqlite.has(videoId);
    if (!(videoId in atFlip)) {
      if (present) delta.alreadyInSqlite++;
      else delta.wouldVanish.push({ videoId, title });
    } else {
      delta.changedSinceFlip.push({ videoId, title });
    }
  }
  return delta;
}

/** The file's videos by the merge's own key (video_id, else `yt:<id>`), as the copy reads them. */
function sqliteTitles(dashboard: Database.Database): Map<string, string | null> {
  const titles = new Map<string, string | null>();
  const rows = dashboard.prepare("SELECT id, video_id, title FROM content").iterate() as Iterable<{
    id: unknown;
    video_id: unknown;
    title: string | null;
  }>;
  for (const row of rows) {
    const key = deriveVideoKey(row);
    if (key.ok) titles.set(key.videoId, row.title);
  }
  return titles;
}

async function targetTitles(client: pg.ClientBase, videoIds: string[]): Promise<Map<string, string | null>> {
  if (!videoIds.length) return new Map();
  const { rows } = await client.query<{ video_id: string; title: string | null }>(
    "SELECT video_id, title FROM content WHERE video_id = ANY($1)",
    [videoIds],
  );
  return new Map(rows.map((row) => [row.video_id, row.title]));
}
