import { makeIssue, preview, type TransformIssue } from "./types";

/** The target's CHECK on content.video_id. */
export const VIDEO_ID_PATTERN = /^[A-Za-z0-9_-]{11}$/;
const LEGACY_ID_PATTERN = /^yt:([A-Za-z0-9_-]{11})$/;

export type VideoKey =
  | {
      ok: true;
      videoId: string;
      /** the target's content.id */
      id: string;
      from: "video_id" | "id";
      /** set when a source value does not survive as it was (trimmed, invalid video_id, a different legacy id) */
      issue?: TransformIssue;
    }
  | { ok: false; reason: "invalid_key"; detail: string };

/**
 * DESIGN.md: the key is `video_id`; when it is NULL (or unusable) derive it from `id`
 * `yt:<11 chars>`; otherwise the row is quarantined whole as `invalid_key`.
 * Surrounding whitespace is trimmed (a YouTube id never contains any), but that changes the
 * stored value, so it is reported. A bare legacy `id` is not a key on its own: DESIGN.md only
 * derives from the `yt:` form, and guessing would risk merging unrelated rows.
 */
export function deriveVideoKey(row: { video_id?: unknown; id?: unknown }): VideoKey {
  const rawVideoId = typeof row.video_id === "string" ? row.video_id : null;
  const rawId = typeof row.id === "string" ? row.id : null;
  const videoId = rawVideoId?.trim() ?? "";
  const legacyMatch = LEGACY_ID_PATTERN.exec(rawId?.trim() ?? "");

  let chosen: { videoId: string; from: "video_id" | "id" } | null = null;
  if (VIDEO_ID_PATTERN.test(videoId)) chosen = { videoId, from: "video_id" };
  else if (legacyMatch) chosen = { videoId: legacyMatch[1], from: "id" };

  if (!chosen) {
    return {
      ok: false,
      reason: "invalid_key",
      detail: `no valid key: video_id ${preview(row.video_id ?? null)}, id ${preview(row.id ?? null)}`,
    };
  }
  const id = `yt:${chosen.videoId}`;
  let issue: TransformIssue | undefined;
  const hasVideoId = row.video_id !== null && row.video_id !== undefined && !(rawVideoId?.trim() === "");
  if (hasVideoId && rawVideoId !== chosen.videoId) {
    issue =
      chosen.from === "video_id"
        ? makeIssue("invalid_value", row.video_id, "video_id trimmed of surrounding whitespace", "video_id")
        : makeIssue("invalid_value", row.video_id, `invalid video_id replaced by the key from id ${id}`, "video_id");
  } else if (rawId !== id && row.id !== null && row.id !== undefined) {
    issue = makeIssue("invalid_value", row.id, `legacy id replaced by ${id}`, "id");
  }
  return issue ? { ok: true, videoId: chosen.videoId, id, from: chosen.from, issue } : { ok: true, ...chosen, id };
}
