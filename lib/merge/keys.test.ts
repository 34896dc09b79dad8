import { describe, expect, it } from "vitest";
import { createPrng } from "@/lib/demo/prng";
import { compareNewer, instantMs, resolveOldSummaryKey, resolveSideKeys, type KeyRow } from "./keys";
import { parseTimestamp } from "./transforms";

const row = (rowid: number, fields: Partial<KeyRow>): KeyRow => ({
  rowid,
  id: null,
  video_id: null,
  updated_at: null,
  indexed_at: null,
  created_at: null,
  ...fields,
});

describe("resolveSideKeys", () => {
  it("derives the key from yt:<id> when video_id is NULL", () => {
    const keys = resolveSideKeys([row(1, { id: "yt:abcdefghijk" })]);
    expect([...keys.chosen.keys()]).toEqual(["abcdefghijk"]);
    expect(keys.idToKey.size).toBe(0);
  });

  it("sends a row without any valid key to invalid_key", () => {
    const keys = resolveSideKeys([row(1, { id: "yt:xzavL8cDY" })]);
    expect(keys.chosen.size).toBe(0);
    expect(keys.invalid).toEqual([{ rowid: 1, detail: expect.stringContaining("no valid key") }]);
  });

  it("keeps the newer of two rows with one key by updated_at, comparing instants not strings", () => {
    const older = row(1, { id: "yt:abcdefghijk", video_id: "abcdefghijk", updated_at: "2025-06-01T10:00:00+05:00" });
    const newer = row(2, { id: "abcdefghijk", video_id: "abcdefghijk", updated_at: "2025-06-01 06:00:00" });
    const keys = resolveSideKeys([newer, older]);
    expect(keys.chosen.get("abcdefghijk")!.rowid).toBe(2);
    expect(keys.duplicates).toEqual([{ entry: expect.objectContaining({ rowid: 1 }), keptRowid: 2 }]);
  });

  it("breaks an updated_at tie with indexed_at, then with the later-written row", () => {
    const a = row(1, { video_id: "abcdefghijk", updated_at: "2025-01-01", indexed_at: "2025-02-01" });
    const b = row(2, { video_id: "abcdefghijk", updated_at: "2025-01-01", indexed_at: "2025-01-01" });
    expect(resolveSideKeys([a, b]).chosen.get("abcdefghijk")!.rowid).toBe(1);
    const c = row(3, { video_id: "abcdefghijk", updated_at: "2025-01-01" });
    const d = row(4, { video_id: "abcdefghijk", updated_at: "2025-01-01" });
    expect(resolveSideKeys([c, d]).chosen.get("abcdefghijk")!.rowid).toBe(4);
  });

  it("treats an unparseable updated_at as older than any real one", () => {
    const keys = resolveSideKeys([
      row(1, { video_id: "abcdefghijk", updated_at: "2020-01-01" }),
      row(2, { video_id: "abcdefghijk", updated_at: "garbage" }),
    ]);
    expect(keys.chosen.get("abcdefghijk")!.rowid).toBe(1);
  });

  it("reports a bare legacy id as a key issue so its original is kept", () => {
    const keys = resolveSideKeys([row(1, { id: "abcdefghijk", video_id: "abcdefghijk" })]);
    expect(keys.chosen.get("abcdefghijk")!.keyIssue).toMatchObject({ field: "id", original: "abcdefghijk" });
  });
});

describe("compareNewer", () => {
  it("is zero only for the same row", () => {
    const entry = { rowid: 1, videoId: "x", updatedMs: 1, indexedMs: 1, createdMs: 1 };
    expect(compareNewer(entry, entry)).toBe(0);
  });
});

describe("resolveOldSummaryKey", () => {
  const all = new Set(["abcdefghijk", "zzzzzzzzzzz"]);

  it("finds a bare legacy id through the side's own rows and a yt: id by derivation", () => {
    const keys = resolveSideKeys([row(1, { id: "abcdefghijk", video_id: "abcdefghijk" })]);
    expect(resolveOldSummaryKey(keys, "abcdefghijk", all)).toBe("abcdefghijk");
    expect(resolveOldSummaryKey(keys, "yt:zzzzzzzzzzz", all)).toBe("zzzzzzzzzzz");
  });

  it("follows the row when its yt: id names another video than its video_id", () => {
    const keys = resolveSideKeys([row(1, { id: "yt:zzzzzzzzzzz", video_id: "abcdefghijk" })]);
    expect(resolveOldSummaryKey(keys, "yt:zzzzzzzzzzz", all)).toBe("abcdefghijk");
  });

  it("leaves an id of no known video unresolved (an orphan)", () => {
    expect(resolveOldSummaryKey(resolveSideKeys([]), "yt:yyyyyyyyyyy", all)).toBeUndefined();
    expect(resolveOldSummaryKey(resolveSideKeys([]), null, all)).toBeUndefined();
  });
});

describe("instantMs", () => {
  it("gives the instant Date.parse reads from parseTimestamp's text, for every input form", () => {
    const reference = (value: unknown) => {
      const parsed = parseTimestamp(value).value;
      return parsed === null ? null : Date.parse(parsed);
    };
    const prng = createPrng(42);
    const two = (max: number) => String(prng.int(0, max)).padStart(2, "0");
    const inputs: unknown[] = [
      null,
      "",
      "None",
      "2024-02-29 23:59:59",
      "2023-02-29 23:59:59",
      "2024-03-05 24:00:00",
      "0050-06-01 12:00:00",
      "0100-06-01 12:00:00",
      "9999-12-31 23:59:59",
      "2024-03-05T12:34:56.123456+02:00",
      "2024-03-05",
      "20240305",
      1700000000,
      "1700000000.5",
      new Date(0),
    ];
    for (let i = 0; i < 2000; i++) {
      const year = prng.pick(["0000", "0099", "0100", "1969", "1970", "2024", "9999"]);
      inputs.push(`${year}-${two(13)}-${two(32)}${prng.pick([" ", "T"])}${two(24)}:${two(60)}:${two(60)}`);
    }
    for (const input of inputs) expect(instantMs(input), String(input)).toBe(reference(input));
  });
});
