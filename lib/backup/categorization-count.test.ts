import { describe, expect, it } from "vitest";
import { videoKey } from "./categorization-count";

describe("videoKey", () => {
  it("prefers video_id", () => expect(videoKey("yt:aaaaaaaaaaa", "bbbbbbbbbbb")).toBe("bbbbbbbbbbb"));
  it("derives the key from yt:<11 chars> when video_id is NULL or blank", () => {
    expect(videoKey("yt:dQw4w9WgXcQ", null)).toBe("dQw4w9WgXcQ");
    expect(videoKey("yt:dQw4w9WgXcQ", "  ")).toBe("dQw4w9WgXcQ");
  });
  it("keeps a bare legacy id apart instead of guessing a key", () =>
    expect(videoKey("legacy-17", null)).toBe("id:legacy-17"));
});
