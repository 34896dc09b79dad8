import { describe, expect, it } from "vitest";
import { toBoolean } from "./boolean";

describe("toBoolean", () => {
  it("reads 0/1 as numbers and as text without an issue", () => {
    expect(toBoolean(1)).toEqual({ value: true });
    expect(toBoolean(0)).toEqual({ value: false });
    expect(toBoolean("1")).toEqual({ value: true });
    expect(toBoolean("0")).toEqual({ value: false });
    expect(toBoolean(1n)).toEqual({ value: true });
    expect(toBoolean(" 1.0 ")).toEqual({ value: true });
  });

  it("reads 'true'/'false' in any case without an issue", () => {
    for (const input of ["true", "TRUE", "True", " t ", "yes", "Y", "on"])
      expect(toBoolean(input)).toEqual({ value: true });
    for (const input of ["false", "FALSE", "False", "f", "no", "N", "off"])
      expect(toBoolean(input)).toEqual({ value: false });
  });

  it("passes JS booleans through", () => {
    expect(toBoolean(true)).toEqual({ value: true });
    expect(toBoolean(false)).toEqual({ value: false });
  });

  it("turns NULL, a missing column, empty text and None into false without an issue", () => {
    for (const input of [null, undefined, "", "None", "null"]) expect(toBoolean(input)).toEqual({ value: false });
  });

  it("reads other numbers by truthiness and reports them", () => {
    const two = toBoolean(2, "has_audio");
    expect(two.value).toBe(true);
    expect(two.issue).toMatchObject({ reason: "invalid_value", field: "has_audio", original: 2 });
    expect(toBoolean("-1").value).toBe(true);
    expect(toBoolean(0.5).issue?.reason).toBe("invalid_value");
  });

  it("stores false and reports garbage", () => {
    for (const input of ["maybe", "tru", "2024-01-01", {}, [], Number.NaN, Buffer.from("1")]) {
      const result = toBoolean(input, "has_transcript");
      expect(result.value).toBe(false);
      expect(result.issue).toMatchObject({ reason: "invalid_value", field: "has_transcript", original: input });
    }
  });
});
