import { describe, expect, it } from "vitest";
import { compareFingerprints, describeMismatches, type FingerprintLike } from "./fingerprint-compare";

const base: FingerprintLike = {
  fingerprint: "whole-1",
  tables: [
    { name: "content", rowCount: 120, fingerprint: "c1", columns: ["id TEXT", "title TEXT"] },
    { name: "summary_variants", rowCount: 300, fingerprint: "s1", columns: ["id INTEGER"] },
  ],
};

function withTables(tables: FingerprintLike["tables"], fingerprint = "whole-2"): FingerprintLike {
  return { fingerprint, tables };
}

describe("compareFingerprints", () => {
  it("finds nothing when the fingerprints are equal", () => {
    expect(compareFingerprints(base, structuredClone(base))).toEqual([]);
  });

  it("names the table whose rows changed, with both row counts", () => {
    const after = withTables([{ ...base.tables[0]!, rowCount: 121, fingerprint: "c2" }, base.tables[1]!]);
    expect(compareFingerprints(base, after)).toEqual([{ table: "content", kind: "rows", before: 120, after: 121 }]);
    expect(describeMismatches(compareFingerprints(base, after))).toBe("content rows changed (120 → 121 rows)");
  });

  it("says rows changed without a count change when a row was edited in place", () => {
    const after = withTables([base.tables[0]!, { ...base.tables[1]!, fingerprint: "s2" }]);
    expect(describeMismatches(compareFingerprints(base, after))).toBe("summary_variants rows changed (300 rows)");
  });

  it("tells a column change apart from a row change", () => {
    const after = withTables([
      { ...base.tables[0]!, fingerprint: "c2", columns: ["id TEXT", "title TEXT", "notes TEXT"] },
      base.tables[1]!,
    ]);
    expect(describeMismatches(compareFingerprints(base, after))).toBe("content columns changed (120 rows)");
  });

  it("names added and removed tables in name order", () => {
    const after = withTables([base.tables[0]!, { name: "audit", rowCount: 3, fingerprint: "a" }]);
    expect(describeMismatches(compareFingerprints(base, after))).toBe(
      "audit table added (3 rows), summary_variants table removed (300 rows)",
    );
  });

  it("treats tables without recorded columns as a row change", () => {
    const before = withTables([{ name: "content", rowCount: 1, fingerprint: "x" }], "w1");
    const after = withTables([{ name: "content", rowCount: 1, fingerprint: "y", columns: ["id TEXT"] }]);
    expect(compareFingerprints(before, after)).toEqual([{ table: "content", kind: "rows", before: 1, after: 1 }]);
  });

  it("still reports a difference when every table matches but the whole hash does not", () => {
    const after = { ...structuredClone(base), fingerprint: "tampered" };
    expect(describeMismatches(compareFingerprints(base, after))).toBe("(whole file) fingerprint differs");
  });
});
