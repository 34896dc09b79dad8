import { describe, expect, it } from "vitest";
import { parseTimestamp, pgTimestampTextSql } from "./timestamp";

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
});
