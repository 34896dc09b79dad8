import { describe, expect, it } from "vitest";
import { isNullish, lossy, ok, withField } from "./types";

describe("isNullish", () => {
  it("counts SQL NULL, empty text and Python's None as no value", () => {
    for (const input of [null, undefined, "", "  ", "None", "null", "NULL", " None "])
      expect(isNullish(input)).toBe(true);
  });

  it("does not count zero, false or other words", () => {
    for (const input of [0, false, "0", "none ", "nil", "n/a", "undefined"]) {
      expect(isNullish(input), String(input)).toBe(false);
    }
  });
});

describe("withField", () => {
  it("labels an issue with its column", () => {
    expect(withField(lossy(null, "invalid_value", "x", "bad"), "title")).toEqual({
      value: null,
      issue: { reason: "invalid_value", field: "title", original: "x", detail: "bad" },
    });
  });

  it("leaves a result without an issue as it is", () => {
    expect(withField(ok(1), "title")).toEqual({ value: 1 });
  });
});
