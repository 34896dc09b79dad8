import { describe, expect, it } from "vitest";
import { safeEqualText, signSessionToken, verifySessionToken } from "./session-token";

const secret = Buffer.alloc(32, 7);
const now = 1_800_000_000_000;

describe("session token", () => {
  it("verifies a token it signed", () => {
    const token = signSessionToken("abc", now + 1000, secret);
    expect(verifySessionToken(token, secret, now)).toEqual({ sessionId: "abc", expiresAtMs: now + 1000 });
  });

  it("rejects a token signed with another secret", () => {
    const token = signSessionToken("abc", now + 1000, Buffer.alloc(32, 8));
    expect(verifySessionToken(token, secret, now)).toBeNull();
  });

  it("rejects an expired token and a tampered expiry", () => {
    const token = signSessionToken("abc", now + 1000, secret);
    expect(verifySessionToken(token, secret, now + 1001)).toBeNull();
    const [id, , sig] = token.split(".");
    expect(verifySessionToken(`${id}.${now + 999_999}.${sig}`, secret, now)).toBeNull();
  });

  it("rejects malformed values", () => {
    for (const value of [undefined, "", "a.b", "a.b.c.d", "abc.notanumber.sig"]) {
      expect(verifySessionToken(value, secret, now)).toBeNull();
    }
  });

  it("compares text in constant time and by content", () => {
    expect(safeEqualText("hunter2", "hunter2")).toBe(true);
    expect(safeEqualText("hunter2", "hunter3")).toBe(false);
    expect(safeEqualText("short", "longer")).toBe(false);
  });
});
