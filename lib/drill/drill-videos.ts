import { randomBytes } from "node:crypto";
import type pg from "pg";
import { insertSummary, upsertContent } from "@/lib/contract/nas-writes";

type Db = Pick<pg.ClientBase, "query">;

/** The variants the drill writes per video: two, so a cascade that takes only one shows. */
export const DRILL_VARIANTS = ["comprehensive", "key-points"] as const;

/** A fresh 11-character video id for the scratch schema (the drill's rows never meet real ones). */
export function drillVideoId(): string {
  return `dr${randomBytes(9).toString("base64url").slice(0, 9)}`;
}

/**
 * A video as the NAS writes it (lib/contract/nas-writes.ts): the content upsert, then its
 * summaries. `withId` writes the `yt:<video_id>` id the copy gives every migrated row; without
 * it the row is like one the NAS wrote after the cutover (no id).
 */
export async function writeVideoContent(db: Db, videoId: string, withId: boolean) {
  await upsertContent(db, {
    video_id: videoId,
    title: `Delete drill ${videoId}`,
    channel_name: "cutover drill",
    indexed_at: new Date(),
    ...(withId ? { id: `yt:${videoId}` } : {}),
  });
}

export async function writeVideoSummaries(db: Db, videoId: string) {
  for (const variant of DRILL_VARIANTS)
    await insertSummary(db, { video_id: videoId, variant, text: `${variant} of ${videoId}`, html: null });
}

export async function writeVideo(db: Db, videoId: string, withId: boolean) {
  await writeVideoContent(db, videoId, withId);
  await writeVideoSummaries(db, videoId);
}
