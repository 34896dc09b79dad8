import { describe, expect, it } from "vitest";
import { compareValues, encodeRow, encodeValues } from "./encoding";

describe("encodeValues", () => {
  it("tells integer, real, text, blob and null apart even when they print alike", () => {
    const forms = [
      encodeValues([1n]),
      encodeValues([1.5]),
      encodeValues(["1"]),
      encodeValues([Buffer.from("1")]),
      encodeValues([null]),
    ];
    expect(new Set(forms.map((form) => form.toString("hex"))).size).toBe(5);
  });

  it("keeps value boundaries: ('ab','c') differs from ('a','bc')", () => {
    expect(encodeValues(["ab", "c"]).equals(encodeValues(["a", "bc"]))).toBe(false);
  });

  it("keeps integers beyond 2^53 exact", () => {
    expect(encodeValues([9_007_199_254_740_993n]).equals(encodeValues([9_007_199_254_740_992n]))).toBe(false);
  });

  it("keeps NUL characters and non-ASCII text byte for byte", () => {
    expect(encodeValues(["a\u0000b"]).equals(encodeValues(["ab"]))).toBe(false);
    expect(encodeValues(["é"]).equals(encodeValues(["e\u0301"]))).toBe(false);
  });

  it("distinguishes an empty string from NULL and from an empty blob", () => {
    const forms = [encodeValues([""]), encodeValues([null]), encodeValues([Buffer.alloc(0)])];
    expect(new Set(forms.map((form) => form.toString("hex"))).size).toBe(3);
  });

  it("refuses a type name it does not know", () => {
    expect(() => encodeRow(["numeric"], [1])).toThrow(/unknown SQLite type/);
  });
});

describe("compareValues", () => {
  it("orders like SQLite's BINARY collation: NULL < numbers < text < blob", () => {
    expect(compareValues("null", null, "integer", 1n)).toBeLessThan(0);
    expect(compareValues("real", 2.5, "integer", 2n)).toBeGreaterThan(0);
    expect(compareValues("integer", 10n, "text", Buffer.from("1"))).toBeLessThan(0);
    expect(compareValues("text", Buffer.from("z"), "blob", Buffer.from("a"))).toBeLessThan(0);
  });

  it("compares text by bytes, so 'B' sorts before 'a'", () => {
    expect(compareValues("text", Buffer.from("B"), "text", Buffer.from("a"))).toBeLessThan(0);
  });
});
