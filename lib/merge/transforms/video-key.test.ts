import { describe, expect, it } from "vitest";
import { deriveVideoKey } from "./video-key";

describe("deriveVideoKey", () => {
  it("uses a valid video_id", () => {
    expect(deriveVideoKey({ video_id: "dQw4w9WgXcQ", id: "yt:dQw4w9WgXcQ" })).toEqual({
      ok: true,
      videoId: "dQw4w9WgXcQ",
      id: "yt:dQw4w9WgXcQ",
      from: "video_id",
    });
  });

  it("accepts hyphens and underscores in an 11-character id", () => {
    expect(deriveVideoKey({ video_id: "a-b_c-d_e-f" })).toMatchObject({ ok: true, videoId: "a-b_c-d_e-f" });
  });

  it("derives the key from id yt:<11 chars> when video_id is NULL or empty", () => {
    for (const videoId of [null, undefined, "", "  "]) {
      const key = deriveVideoKey({ video_id: videoId, id: "yt:dQw4w9WgXcQ" });
      expect(key).toEqual({ ok: true, videoId: "dQw4w9WgXcQ", id: "yt:dQw4w9WgXcQ", from: "id" });
    }
  });

  it("falls back to id when video_id is invalid, reporting the replaced video_id", () => {
    const key = deriveVideoKey({ video_id: "too-short", id: "yt:dQw4w9WgXcQ" });
    expect(key).toMatchObject({ ok: true, videoId: "dQw4w9WgXcQ", from: "id" });
    expect(key.ok && key.issue).toMatchObject({ reason: "invalid_value", field: "video_id", original: "too-short" });
  });

  it("trims surrounding whitespace and reports the change", () => {
    const key = deriveVideoKey({ video_id: " dQw4w9WgXcQ\n", id: "yt:dQw4w9WgXcQ" });
    expect(key).toMatchObject({ ok: true, videoId: "dQw4w9WgXcQ" });
    expect(key.ok && key.issue).toMatchObject({ field: "video_id", original: " dQw4w9WgXcQ\n" });
  });

  it("reports a legacy id that the target's yt:<video_id> replaces", () => {
    const key = deriveVideoKey({ video_id: "dQw4w9WgXcQ", id: "legacy-42" });
    expect(key).toMatchObject({ ok: true, id: "yt:dQw4w9WgXcQ" });
    expect(key.ok && key.issue).toMatchObject({ reason: "invalid_value", field: "id", original: "legacy-42" });
  });

  it("is invalid_key when neither gives an 11-character id", () => {
    for (const row of [
      { video_id: null, id: "legacy-42" },
      { video_id: null, id: "dQw4w9WgXcQ" },
      { video_id: "dQw4w9WgXc", id: "yt:dQw4w9WgXc" },
      { video_id: "dQw4w9WgXcQQ", id: null },
      { video_id: "dQw4w9WgX!Q", id: "yt:dQw4w9WgX!Q" },
      { video_id: 12345678901, id: 7 },
      {},
    ]) {
      expect(deriveVideoKey(row)).toMatchObject({ ok: false, reason: "invalid_key" });
    }
  });

  it("does not take a yt: id with trailing text", () => {
    expect(deriveVideoKey({ id: "yt:dQw4w9WgXcQx" }).ok).toBe(false);
  });
});
