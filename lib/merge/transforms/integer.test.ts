import { describe, expect, it } from "vitest";
import { toInteger } from "./integer";

describe("toInteger", () => {
  it("passes integers through", () => {
    expect(toInteger(42)).toEqual({ value: 42 });
    expect(toInteger(-7)).toEqual({ value: -7 });
    expect(toInteger(0)).toEqual({ value: 0 });
    expect(toInteger(-0)).toEqual({ value: 0 });
  });

  it("reads numeric strings with whitespace and signs", () => {
    expect(toInteger("1234")).toEqual({ value: 1234 });
    expect(toInteger(" +12 ")).toEqual({ value: 12 });
    expect(toInteger("-5")).toEqual({ value: -5 });
    expect(toInteger("007")).toEqual({ value: 7 });
  });

  it("reads integral decimals and exponents without an issue", () => {
    expect(toInteger(12.0)).toEqual({ value: 12 });
    expect(toInteger("12.0")).toEqual({ value: 12 });
    expect(toInteger("1e3")).toEqual({ value: 1000 });
  });

  it("reads thousands separators in strict groups without an issue", () => {
    expect(toInteger("1,234")).toEqual({ value: 1234 });
    expect(toInteger("12,345,678")).toEqual({ value: 12345678 });
  });

  it("reports separators in other places", () => {
    for (const input of ["1,23", "12,34,567", "1,2345", ",123"])
      expect(toInteger(input).issue?.reason).toBe("invalid_value");
  });

  it("keeps bigints beyond 2^53 exact as decimal strings", () => {
    expect(toInteger("9007199254740993")).toEqual({ value: "9007199254740993" });
    expect(toInteger(9007199254740993n)).toEqual({ value: "9007199254740993" });
    expect(toInteger("-9223372036854775808")).toEqual({ value: "-9223372036854775808" });
    expect(toInteger(9007199254740991n)).toEqual({ value: 9007199254740991 });
  });

  it("reports values out of range for the column", () => {
    expect(toInteger("9223372036854775808").issue?.detail).toMatch(/out of range for bigint/);
    expect(toInteger(2147483648, "integer", "word_count")).toMatchObject({
      value: null,
      issue: { reason: "invalid_value", field: "word_count", original: 2147483648 },
    });
    expect(toInteger(2147483647, "integer")).toEqual({ value: 2147483647 });
    expect(toInteger(-2147483648, "integer")).toEqual({ value: -2147483648 });
  });

  it("reports an unsafe JS number, already rounded when it was read", () => {
    expect(toInteger(2 ** 60).value).toBeNull();
    expect(toInteger("1e20").value).toBeNull();
  });

  it("turns NULL, empty text and None into NULL without an issue", () => {
    for (const input of [null, undefined, "", " ", "None"]) expect(toInteger(input)).toEqual({ value: null });
  });

  it("stores NULL and reports fractions and garbage instead of rounding", () => {
    for (const input of [12.5, "12.5", "abc", "12abc", "0x10", "1 234", Number.NaN, Infinity, true, {}, "-"]) {
      const result = toInteger(input, "bigint", "view_count");
      expect(result.value).toBeNull();
      expect(result.issue).toMatchObject({ reason: "invalid_value", field: "view_count", original: input });
    }
  });
});
