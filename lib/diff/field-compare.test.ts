import { describe, expect, it } from "vitest";
import { displayValue, kindForField, sidesDiffer, summarizeValue, valuesEqual } from "./field-compare";

describe("valuesEqual", () => {
  it("compares text exactly: case and trailing spaces count", () => {
    expect(valuesEqual("Title", "Title", "text")).toBe(true);
    expect(valuesEqual("Title", "Title ", "text")).toBe(false);
    expect(valuesEqual("Title", "title", "text")).toBe(false);
  });

  it("treats NULL and undefined as one missing value, and different from empty text", () => {
    expect(valuesEqual(null, undefined)).toBe(true);
    expect(valuesEqual(null, "")).toBe(false);
    expect(valuesEqual("", null, "text")).toBe(false);
  });

  it("compares JSON text semantically: key order, whitespace and 1.0 vs 1", () => {
    expect(valuesEqual('{"a":1,"b":[1,2]}', '{ "b": [1, 2], "a": 1.0 }', "json")).toBe(true);
    expect(valuesEqual('{"a":1}', { a: 1 }, "json")).toBe(true);
    expect(valuesEqual('{"a":1}', '{"a":2}', "json")).toBe(false);
  });

  it("compares unreadable JSON as raw text", () => {
    expect(valuesEqual("{broken", "{broken", "json")).toBe(true);
    expect(valuesEqual("{broken", '{"a":1}', "json")).toBe(false);
  });

  it("compares timestamps as instants across formats and zones", () => {
    expect(valuesEqual("2024-01-02 03:04:05", "2024-01-02T03:04:05Z", "timestamp")).toBe(true);
    expect(valuesEqual("2024-01-02T05:04:05+02:00", "2024-01-02T03:04:05.000000Z", "timestamp")).toBe(true);
    expect(valuesEqual(1704164645, "2024-01-02 03:04:05", "timestamp")).toBe(true);
    expect(valuesEqual(new Date("2024-01-02T03:04:05Z"), "2024-01-02 03:04:05", "timestamp")).toBe(true);
    expect(valuesEqual("2024-01-02 03:04:05", "2024-01-02 03:04:06", "timestamp")).toBe(false);
  });

  it("compares unparseable timestamps as raw text", () => {
    expect(valuesEqual("yesterday", "yesterday", "timestamp")).toBe(true);
    expect(valuesEqual("yesterday", "2024-01-02", "timestamp")).toBe(false);
  });

  it("compares numbers numerically, including numeric text and bigint", () => {
    expect(valuesEqual(42, "42", "number")).toBe(true);
    expect(valuesEqual("1.0", 1, "integer")).toBe(true);
    expect(valuesEqual(9007199254740993n, "9007199254740993", "bigint")).toBe(true);
    expect(valuesEqual(9007199254740993n, "9007199254740992", "bigint")).toBe(false);
    expect(valuesEqual(1, 2, "number")).toBe(false);
    expect(valuesEqual("n/a", "n/a", "number")).toBe(true);
  });

  it("compares booleans as SQLite and PostgreSQL write them", () => {
    expect(valuesEqual(1, true, "boolean")).toBe(true);
    expect(valuesEqual("false", 0, "boolean")).toBe(true);
    expect(valuesEqual("t", false, "boolean")).toBe(false);
  });

  it("guesses the kind from the values when not told", () => {
    expect(valuesEqual(1, 1.0)).toBe(true);
    expect(valuesEqual({ a: 1 }, { a: 1 })).toBe(true);
    expect(valuesEqual(new Date(0), new Date(0))).toBe(true);
    expect(valuesEqual("a", "a ")).toBe(false);
  });
});

describe("sidesDiffer", () => {
  it("is false when all sides agree, true when any side disagrees or is missing", () => {
    expect(sidesDiffer(["x", "x", "x"])).toBe(false);
    expect(sidesDiffer(["x", "x", "y"])).toBe(true);
    expect(sidesDiffer(["x", null, "x"])).toBe(true);
    expect(sidesDiffer([null, null, undefined])).toBe(false);
  });
});

describe("kindForField", () => {
  it("reads the legacy and target column names", () => {
    expect(kindForField("subcategories_json")).toBe("json");
    expect(kindForField("analysis")).toBe("json");
    expect(kindForField("updated_at")).toBe("timestamp");
    expect(kindForField("has_audio")).toBe("boolean");
    expect(kindForField("view_count")).toBe("number");
    expect(kindForField("duration_seconds")).toBe("number");
    expect(kindForField("title")).toBe("text");
  });
});

describe("displayValue", () => {
  it("pretty-prints objects and JSON text, leaves other text alone", () => {
    expect(displayValue({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(displayValue('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(displayValue("{not json")).toBe("{not json");
    expect(displayValue("[1]", "text")).toBe("[1]");
  });
  it("writes bigints and dates readably", () => {
    expect(displayValue({ n: 12n })).toContain('"12"');
    expect(displayValue(new Date("2024-01-02T03:04:05Z"))).toBe("2024-01-02T03:04:05.000Z");
  });
  it("gives empty text for a missing value", () => {
    expect(displayValue(null)).toBe("");
  });
});

describe("summarizeValue", () => {
  it("does not fold a short value", () => {
    expect(summarizeValue("short", 10)).toEqual({ preview: "short", folded: false, length: 5, text: "short" });
  });
  it("folds a long value at a word boundary with an ellipsis and gives the full length", () => {
    const text = "alpha beta gamma delta epsilon";
    const summary = summarizeValue(text, 20);
    expect(summary.folded).toBe(true);
    expect(summary.length).toBe(30);
    expect(summary.preview).toBe("alpha beta gamma…");
    expect(summary.text).toBe(text);
  });
  it("cuts a long word mid-way rather than showing nothing", () => {
    expect(summarizeValue("x".repeat(50), 10).preview).toBe(`${"x".repeat(10)}…`);
  });
  it("counts emoji as one character and never splits them", () => {
    const summary = summarizeValue("😀".repeat(12), 10);
    expect(summary.length).toBe(12);
    expect(summary.preview).toBe(`${"😀".repeat(10)}…`);
  });
  it("folds pretty-printed JSON by its display length", () => {
    const summary = summarizeValue({ list: Array.from({ length: 50 }, (_, i) => i) }, 40);
    expect(summary.folded).toBe(true);
    expect(summary.text.startsWith("{\n")).toBe(true);
  });
});
