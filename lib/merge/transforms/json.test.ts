import { describe, expect, it } from "vitest";
import { parseJsonText, roundedNumbers } from "./json";

describe("parseJsonText", () => {
  it("parses JSON text into a value for JSONB", () => {
    const text = '{"categories":[{"category":"Technology","subcategories":["AI","Programming"]}]}';
    expect(parseJsonText(text)).toEqual({ value: JSON.parse(text) });
    expect(parseJsonText("[1, 2]")).toEqual({ value: [1, 2] });
    expect(parseJsonText(' "text" ')).toEqual({ value: "text" });
  });

  it("turns NULL, empty text, None and JSON null into NULL without an issue", () => {
    for (const input of [null, undefined, "", "  ", "None", "null"])
      expect(parseJsonText(input)).toEqual({ value: null });
  });

  it("stores NULL and reports invalid_json with the raw text", () => {
    for (const input of ["{'a': 1}", "{", "[1,]", "not json", '{"a": NaN}']) {
      const result = parseJsonText(input, "analysis_json");
      expect(result.value).toBeNull();
      expect(result.issue).toMatchObject({ reason: "invalid_json", field: "analysis_json", original: input });
    }
  });

  it("takes an already parsed object as it is", () => {
    const value = { a: [1] };
    expect(parseJsonText(value)).toEqual({ value });
  });

  it("reports bytes and other non-text values as invalid_json", () => {
    expect(parseJsonText(Buffer.from("{}")).issue?.reason).toBe("invalid_json");
    expect(parseJsonText(42).issue?.reason).toBe("invalid_json");
  });

  it("removes NUL characters JSONB cannot hold and reports the raw text", () => {
    const text = '{"a\\u0000b": "x\\u0000y", "list": ["\\u0000"]}';
    const result = parseJsonText(text, "named_entities_json");
    expect(result.value).toEqual({ ab: "xy", list: [""] });
    expect(result.issue).toMatchObject({ reason: "invalid_value", field: "named_entities_json", original: text });
  });

  it("reports numbers a double would round, keeping the rounded value", () => {
    const text = '{"id": 12345678901234567890, "ok": 1.5}';
    const result = parseJsonText(text);
    expect(result.value).toEqual({ id: 12345678901234567000, ok: 1.5 });
    expect(result.issue?.detail).toContain("12345678901234567890");
  });
});

describe("roundedNumbers", () => {
  it("finds no rounding in ordinary numbers, whatever their spelling", () => {
    expect(
      roundedNumbers('[1, 1.0, 1.50, -0, 0.1, 1e3, 1E+3, 2.5e-7, 9007199254740991, "12345678901234567890"]'),
    ).toEqual([]);
  });

  it("finds integers beyond 2^53, over-long decimals and overflow", () => {
    expect(roundedNumbers("[9007199254740993, 0.30000000000000000001, 1e400]")).toEqual([
      "9007199254740993",
      "0.30000000000000000001",
      "1e400",
    ]);
  });
});
