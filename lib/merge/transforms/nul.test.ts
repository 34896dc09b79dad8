import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cleanJsonValue, cleanText, fromQuarantineRaw, toQuarantineRaw } from "./nul";

/**
 * What PostgreSQL's JSONB refuses in JSON text: the \u0000 escape and surrogate escapes, which
 * JSON.stringify writes only for lone surrogates (a valid pair is written as the character).
 */
function jsonbRefuses(json: string): boolean {
  return /\\u0000|\\ud[89a-f][0-9a-f]{2}/i.test(json);
}

const roundTrip = (value: unknown) => fromQuarantineRaw(JSON.parse(JSON.stringify(toQuarantineRaw(value))));

describe("cleanText", () => {
  it("passes text without NUL through without an issue", () => {
    expect(cleanText("A title — with ünïcode 😀")).toEqual({ value: "A title — with ünïcode 😀" });
    expect(cleanText(null)).toEqual({ value: null });
    expect(cleanText("")).toEqual({ value: "" });
  });

  it("removes NUL characters and reports the original", () => {
    const result = cleanText("Bad\u0000 title\u0000", "title");
    expect(result.value).toBe("Bad title");
    expect(result.issue).toMatchObject({ reason: "invalid_value", field: "title", original: "Bad\u0000 title\u0000" });
  });

  it("replaces lone surrogates, which have no UTF-8 form, and reports them", () => {
    const result = cleanText("a\ud800b");
    expect(result.value).toBe("a\ufffdb");
    expect(result.issue?.reason).toBe("invalid_value");
    expect(cleanText("😀")).toEqual({ value: "😀" });
  });
});

describe("cleanJsonValue", () => {
  it("cleans strings and keys at any depth", () => {
    const result = cleanJsonValue({ "k\u0000": ["a\u0000", { b: "c\u0000" }], n: 1 });
    expect(result.value).toEqual({ k: ["a", { b: "c" }], n: 1 });
    expect(result.issue?.reason).toBe("invalid_value");
  });

  it("returns the same value without an issue when nothing needs cleaning", () => {
    const value = { a: ["b", 1, null, true] };
    expect(cleanJsonValue(value)).toEqual({ value });
  });
});

describe("toQuarantineRaw / fromQuarantineRaw", () => {
  it("encodes a string with NUL as $bytes_b64 of its UTF-8 bytes", () => {
    expect(toQuarantineRaw({ title: "a\u0000b" })).toEqual({
      title: { $bytes_b64: Buffer.from("a\u0000b", "utf8").toString("base64") },
    });
  });

  it("leaves ordinary values as plain JSON", () => {
    const row = { id: "yt:dQw4w9WgXcQ", view_count: 12, has_audio: 1, title: "Ünïcode 😀", summary: null, ratio: 0.5 };
    expect(toQuarantineRaw(row)).toEqual(row);
  });

  it("round-trips a source row byte for byte, NULs, blobs, bigints and odd numbers included", () => {
    const row = {
      id: "yt:dQw4w9WgXcQ",
      title: "NUL\u0000title",
      lone: "x\udc00y",
      blob: Buffer.from([0, 255, 1, 128]),
      big: 12345678901234567890n,
      nan: Number.NaN,
      inf: -Infinity,
      negZero: -0,
      nothing: null,
      nested: { list: ["\u0000", 1, [true, "ok"]] },
    };
    const back = roundTrip(row) as typeof row;
    expect(back.title).toBe(row.title);
    expect(back.lone).toBe(row.lone);
    expect(Buffer.isBuffer(back.blob) && back.blob.equals(row.blob)).toBe(true);
    expect(back.big).toBe(row.big);
    expect(back.nan).toBeNaN();
    expect(back.inf).toBe(-Infinity);
    expect(Object.is(back.negZero, -0)).toBe(true);
    expect(back.nested).toEqual(row.nested);
  });

  it("escapes objects that would otherwise read as markers", () => {
    for (const value of [{ $bytes_b64: "AAAA" }, { $bigint: "1" }, { $object: {} }, { $entries: [] }]) {
      expect(roundTrip({ v: value })).toEqual({ v: value });
    }
  });

  it("round-trips keys containing NUL", () => {
    const value = { "a\u0000": 1, b: 2 };
    expect(roundTrip(value)).toEqual(value);
  });

  it("never produces JSON that JSONB would refuse, and always decodes to the same bytes", () => {
    const alphabet = ["a", "\u0000", "é", "😀", "\ud800", "\udfff", "\n", '"', "\\", "$"];
    for (let i = 0; i < 300; i++) {
      const bytes = randomBytes(8);
      const text = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
      const row = { text, blob: bytes, list: [text, i] };
      const json = JSON.stringify(toQuarantineRaw(row));
      expect(jsonbRefuses(json), json).toBe(false);
      const back = fromQuarantineRaw(JSON.parse(json)) as typeof row;
      expect(Buffer.from(back.text, "utf16le").equals(Buffer.from(text, "utf16le"))).toBe(true);
      expect(Buffer.from(back.blob).equals(bytes)).toBe(true);
      expect(back.list).toEqual([text, i]);
    }
  });

  it("detects what JSONB refuses in plain JSON.stringify output", () => {
    expect(jsonbRefuses(JSON.stringify({ t: "a\u0000" }))).toBe(true);
    expect(jsonbRefuses(JSON.stringify({ t: "a\ud800" }))).toBe(true);
    expect(jsonbRefuses(JSON.stringify({ t: "😀" }))).toBe(false);
  });

  it("refuses values it cannot encode", () => {
    expect(() => toQuarantineRaw({ f: () => 1 })).toThrow(TypeError);
    expect(() => toQuarantineRaw({ d: new Date() })).toThrow(TypeError);
    expect(() => toQuarantineRaw({ m: new Map() })).toThrow(TypeError);
  });
});
