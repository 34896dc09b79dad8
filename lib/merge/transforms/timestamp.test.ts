import { describe, expect, it } from "vitest";
import { createPrng } from "@/lib/demo/prng";
import { commonTimestampMs, parseTimestamp, pgTimestampTextSql } from "./timestamp";

const value = (input: unknown) => parseTimestamp(input).value;

describe("parseTimestamp", () => {
  it("treats 'YYYY-MM-DD HH:MM:SS' as UTC", () => {
    expect(parseTimestamp("2024-03-05 14:07:09")).toEqual({ value: "2024-03-05T14:07:09.000000Z" });
  });

  it("keeps a fraction up to microseconds", () => {
    expect(value("2024-03-05 14:07:09.5")).toBe("2024-03-05T14:07:09.500000Z");
    expect(value("2024-03-05T14:07:09.123456")).toBe("2024-03-05T14:07:09.123456Z");
    expect(value("2024-03-05T14:07:09,25Z")).toBe("2024-03-05T14:07:09.250000Z");
  });

  it("reads ISO-8601 with T or space, with and without zone", () => {
    expect(value("2024-03-05T14:07:09")).toBe("2024-03-05T14:07:09.000000Z");
    expect(value("2024-03-05T14:07:09Z")).toBe("2024-03-05T14:07:09.000000Z");
    expect(value("2024-03-05 14:07:09z")).toBe("2024-03-05T14:07:09.000000Z");
    expect(value("2024-03-05T14:07")).toBe("2024-03-05T14:07:00.000000Z");
  });

  it("converts zone offsets to UTC in every spelling", () => {
    expect(value("2024-03-05T14:07:09+02:00")).toBe("2024-03-05T12:07:09.000000Z");
    expect(value("2024-03-05T14:07:09+0200")).toBe("2024-03-05T12:07:09.000000Z");
    expect(value("2024-03-05T14:07:09+02")).toBe("2024-03-05T12:07:09.000000Z");
    expect(value("2024-03-05 14:07:09.123456-05:30")).toBe("2024-03-05T19:37:09.123456Z");
    expect(value("2024-03-05 14:07:09 UTC")).toBe("2024-03-05T14:07:09.000000Z");
    expect(value("2024-03-05 14:07:09+00:00")).toBe("2024-03-05T14:07:09.000000Z");
  });

  it("crosses the date line when the offset says so", () => {
    expect(value("2024-01-01T00:30:00+01:00")).toBe("2023-12-31T23:30:00.000000Z");
  });

  it("reads a date alone as midnight UTC", () => {
    expect(parseTimestamp("2024-02-29")).toEqual({ value: "2024-02-29T00:00:00.000000Z" });
  });

  it("reads yt-dlp's compact YYYYMMDD text as a date", () => {
    expect(parseTimestamp("20240305")).toEqual({ value: "2024-03-05T00:00:00.000000Z" });
    expect(parseTimestamp("19991231")).toEqual({ value: "1999-12-31T00:00:00.000000Z" });
  });

  it("stores NULL and reports an epoch before 1990: a placeholder, a year or a duration", () => {
    for (const input of [0, "0", -86400, "2024", 3600, "20241399", 631151999, 1e11]) {
      const result = parseTimestamp(input, "indexed_at");
      expect(result.value, String(input)).toBeNull();
      expect(result.issue).toMatchObject({ reason: "invalid_value", field: "indexed_at", original: input });
    }
    expect(value(631152000)).toBe("1990-01-01T00:00:00.000000Z");
  });

  it("reads epoch seconds as number, numeric string, float and bigint", () => {
    expect(parseTimestamp(1700000000)).toEqual({ value: "2023-11-14T22:13:20.000000Z" });
    expect(value("1700000000")).toBe("2023-11-14T22:13:20.000000Z");
    expect(value(" 1700000000 ")).toBe("2023-11-14T22:13:20.000000Z");
    expect(value(1700000000.5)).toBe("2023-11-14T22:13:20.500000Z");
    expect(value("1700000000.123456")).toBe("2023-11-14T22:13:20.123456Z");
    expect(value(1700000000n)).toBe("2023-11-14T22:13:20.000000Z");
  });

  it("reads epoch values of 1e11 and more as milliseconds", () => {
    expect(parseTimestamp(1700000000123)).toEqual({ value: "2023-11-14T22:13:20.123000Z" });
    expect(value("1700000000123.5")).toBe("2023-11-14T22:13:20.123500Z");
  });

  it("turns NULL, empty text, None and null into NULL without an issue", () => {
    for (const input of [null, undefined, "", "   ", "None", "null", "NULL"]) {
      expect(parseTimestamp(input)).toEqual({ value: null });
    }
  });

  it("turns anything else into NULL plus invalid_value keeping the original", () => {
    for (const input of [
      "yesterday",
      "2024-13-01",
      "2024-02-30",
      "2024-02-30 10:00:00",
      "2024-03-05 25:00:00",
      "2024-03-05 10:61",
      "05/03/2024",
      "2024-03-05T10:00:00+25:00",
      "1e9",
      true,
      {},
      Number.NaN,
    ]) {
      const result = parseTimestamp(input, "published_at");
      expect(result.value).toBeNull();
      expect(result.issue).toMatchObject({ reason: "invalid_value", field: "published_at", original: input });
    }
  });

  it("rejects epochs too large even for milliseconds", () => {
    expect(parseTimestamp(1e15).issue?.reason).toBe("invalid_value");
    expect(parseTimestamp("99999999999999999999").value).toBeNull();
  });

  it("rejects February 29 in a common year", () => {
    expect(parseTimestamp("2023-02-29").value).toBeNull();
  });

  it("rounds a fraction finer than a microsecond and reports it", () => {
    const result = parseTimestamp("2024-03-05T14:07:09.1234567Z");
    expect(result.value).toBe("2024-03-05T14:07:09.123457Z");
    expect(result.issue?.reason).toBe("invalid_value");
    expect(parseTimestamp("2024-03-05T23:59:59.9999999Z").value).toBe("2024-03-06T00:00:00.000000Z");
  });

  it("does not report trailing zeros beyond microseconds", () => {
    expect(parseTimestamp("2024-03-05T14:07:09.123456000Z")).toEqual({ value: "2024-03-05T14:07:09.123456Z" });
  });

  it("accepts a valid Date and reports an invalid one", () => {
    expect(value(new Date("2024-03-05T14:07:09.123Z"))).toBe("2024-03-05T14:07:09.123000Z");
    expect(parseTimestamp(new Date("nope")).issue?.reason).toBe("invalid_value");
  });

  it("produces text that Date reads back to the same millisecond", () => {
    for (const input of ["2024-03-05 14:07:09", "1999-12-31T23:59:59.999+01:00", "1700000000"]) {
      const out = value(input)!;
      expect(new Date(out).toISOString()).toBe(out.slice(0, 23) + "Z");
    }
  });

  it("offers SQL that prints timestamptz in the same format", () => {
    expect(pgTimestampTextSql("c.indexed_at")).toBe(
      `to_char(c.indexed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    );
  });

  it("gives the common YYYY-MM-DD HH:MM:SS shape the general path's result, valid or not", () => {
    // a leading space skips the fast path (it needs exactly 19 characters); the general path trims it
    const prng = createPrng(19);
    const two = (max: number) => String(prng.int(0, max)).padStart(2, "0");
    const texts = [
      "2024-02-29 23:59:59",
      "2023-02-29 00:00:00",
      "2024-02-30 10:00:00",
      "2000-02-29 12:00:00",
      "1900-02-29 12:00:00",
      "2024-04-31 00:00:00",
      "2024-03-05 24:00:00",
      "2024-03-05 23:60:00",
      "2024-03-05 23:59:60",
      "2024-00-05 10:00:00",
      "2024-03-00 10:00:00",
      "0000-01-01 00:00:00",
      "0001-01-01 00:00:00",
      "0099-12-31 23:59:59",
      "0100-01-01 00:00:00",
      "9999-12-31 23:59:59",
      "2024-03-05T12:34:56",
      "2024-03-05t12:34:56",
      "2024-03-05_12:34:56",
      "2024/03/05 12:34:56",
      "2024-03-05 12-34-56",
      "２024-03-05 12:34:56",
      "2024-03-05 1:34:56Z",
      "2024-03-0a 12:34:56",
    ];
    for (let i = 0; i < 3000; i++) {
      const year = prng.pick(["0000", "0001", "0099", "0100", "1900", "1970", "2000", "2023", "2024", "9999"]);
      const sep = prng.pick([" ", " ", "T", "t", "x"]);
      let text = `${year}-${two(13)}-${two(32)}${sep}${two(25)}:${two(61)}:${two(61)}`;
      if (prng.next() < 0.1) {
        const at = prng.int(0, 18);
        text =
          text.slice(0, at) +
          prng.pick(["/", ":", "-", " ", "a", "٣", "\uD83D" /* a lone surrogate */]) +
          text.slice(at + 1);
      }
      texts.push(text);
    }
    for (const text of texts) {
      const fast = parseTimestamp(text, "f");
      const general = parseTimestamp(` ${text}`, "f");
      expect(fast.value, text).toBe(general.value);
      expect(fast.issue === undefined, text).toBe(general.issue === undefined);
      const ms = commonTimestampMs(text);
      if (!Number.isNaN(ms)) expect(ms, text).toBe(Date.parse(fast.value!));
    }
  });

  it("gives ISO texts with a fraction of 1–9 digits and a Z the general path's result, valid or not", () => {
    // the fast path takes `YYYY-MM-DD[T ]HH:MM:SS[.f{1,6}][Z|z]`; a leading space sends the same
    // text through the general path, as before the fast path covered these shapes
    const prng = createPrng(8601);
    const two = (max: number) => String(prng.int(0, max)).padStart(2, "0");
    const texts = [
      "2024-01-02T00:00:00.001Z",
      "2024-01-02T00:00:00.1Z",
      "2024-01-02T00:00:00.123456Z",
      "2024-01-02T00:00:00.123456z",
      "2024-01-02 00:00:00.000001",
      "2024-01-02T00:00:00.1234567Z",
      "2024-01-02T23:59:59.9999995Z",
      "2024-01-02T00:00:00.123456000Z",
      "2024-01-02T00:00:00.Z",
      "2024-01-02T00:00:00.",
      "2024-01-02T00:00:00ZZ",
      "2024-01-02T00:00:00Z ",
      "2024-01-02T00:00:00 Z",
      "2024-01-02T00:00:00,5Z",
      "2024-01-02T00:00:00.5+01:00",
      "2024-01-02T00:00:00.5UTC",
      "2024-01-02T00:00:00.１Z",
      "2024-02-29T12:00:00.5Z",
      "2023-02-29T12:00:00.5Z",
      "2000-02-29T00:00:00.000001Z",
      "1900-02-29T00:00:00.000001Z",
      "0099-12-31T23:59:59.999999Z",
      "0100-01-01T00:00:00.000001Z",
      "9999-12-31T23:59:59.999999Z",
      "9999-12-31T23:59:59.9999995Z",
      "2024-04-31T00:00:00.1Z",
      "2024-03-05T24:00:00.0Z",
    ];
    for (let i = 0; i < 4000; i++) {
      const year = prng.pick(["0000", "0099", "0100", "1900", "1999", "2000", "2023", "2024", "9999"]);
      const sep = prng.pick(["T", "T", " ", "t"]);
      const digits = prng.int(0, 9);
      const fraction =
        digits === 0 ? prng.pick(["", "."]) : `${prng.pick([".", ".", ","])}${prng.string(digits, "0123456789")}`;
      const zone = prng.pick(["", "Z", "Z", "z", " Z", "+00:00", "-01:30", "ZZ"]);
      let text = `${year}-${two(12)}-${two(31)}${sep}${two(24)}:${two(60)}:${two(60)}${fraction}${zone}`;
      if (prng.next() < 0.1) {
        const at = prng.int(0, text.length - 1);
        text = text.slice(0, at) + prng.pick([".", ":", "-", "Z", "a", "٣", "9", "\uD83D"]) + text.slice(at + 1);
      }
      texts.push(text);
    }
    let fastShaped = 0;
    for (const text of texts) {
      const fast = parseTimestamp(text, "f");
      const general = parseTimestamp(` ${text}`, "f");
      expect(fast.value, text).toBe(general.value);
      expect(fast.issue?.reason, text).toBe(general.issue?.reason);
      if (general.issue === undefined) expect(fast, text).toEqual(general);
      if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d{1,6})?[Zz]?$/.test(text) && fast.issue === undefined) fastShaped++;
    }
    // a good share of the generated texts are valid and of the fast path's shape
    expect(fastShaped).toBeGreaterThan(300);
  });

  it("prints every instant in the years 0001–9999 as Date#toISOString does, plus three digits", () => {
    const reference = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}000Z`;
    const prng = createPrng(7);
    const instants = [
      new Date("0001-01-01T00:00:00.000Z").getTime(),
      new Date("9999-12-31T23:59:59.999Z").getTime(),
      -1,
      0,
      1,
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 1, 29, 12),
      Date.UTC(2100, 1, 28, 23, 59, 59, 999),
      Date.UTC(2100, 2, 1),
      Date.UTC(1600, 1, 29),
      Date.UTC(2024, 11, 31, 23, 59, 59, 999),
    ];
    for (let i = 0; i < 5000; i++) {
      instants.push(Math.floor(-62_135_596_800_000 + prng.next() * (253_402_300_799_999 + 62_135_596_800_000)));
    }
    for (const ms of instants) expect(parseTimestamp(new Date(ms)).value, String(ms)).toBe(reference(ms));
  });
});
