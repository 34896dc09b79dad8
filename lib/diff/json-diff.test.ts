import { describe, expect, it } from "vitest";
import { formatJsonPath, jsonDiff, jsonEqual } from "./json-diff";

describe("jsonEqual", () => {
  it("ignores key order", () => {
    expect(jsonEqual({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(true);
  });
  it("compares numbers by value, 1 and 1.0 alike", () => {
    expect(jsonEqual(JSON.parse("1.0"), JSON.parse("1"))).toBe(true);
    expect(jsonEqual(1, 1.5)).toBe(false);
  });
  it("treats a bigint and the same integer as equal", () => {
    expect(jsonEqual(12n, 12)).toBe(true);
    expect(jsonEqual(12, 12n)).toBe(true);
    expect(jsonEqual(12n, 12.5)).toBe(false);
  });
  it("keeps a number and the string of it apart", () => {
    expect(jsonEqual(1, "1")).toBe(false);
  });
  it("keeps array order significant", () => {
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });
  it("ignores undefined members, as JSON text would", () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });
  it("tells null from a missing key", () => {
    expect(jsonEqual({ a: null }, {})).toBe(false);
  });
  it("tells an object from an array", () => {
    expect(jsonEqual({}, [])).toBe(false);
  });
});

describe("jsonDiff", () => {
  it("lists every leaf as same when the values are equal", () => {
    expect(jsonDiff({ a: 1, b: [true] }, { b: [true], a: 1.0 })).toEqual([
      { path: ["a"], kind: "same", left: 1, right: 1 },
      { path: ["b", 0], kind: "same", left: true, right: true },
    ]);
  });

  it("marks added, removed and changed keys", () => {
    const entries = jsonDiff(
      { a: 1, gone: "x", c: "old" },
      { a: 1, c: "new", fresh: { d: 1 } },
      { includeSame: false },
    );
    expect(entries).toEqual([
      { path: ["gone"], kind: "removed", left: "x" },
      { path: ["c"], kind: "changed", left: "old", right: "new" },
      { path: ["fresh"], kind: "added", right: { d: 1 } },
    ]);
  });

  it("compares arrays by index and reports extra items", () => {
    const entries = jsonDiff([1, 2, 3], [1, 5], { includeSame: false });
    expect(entries).toEqual([
      { path: [1], kind: "changed", left: 2, right: 5 },
      { path: [2], kind: "removed", left: 3 },
    ]);
  });

  it("compares string arrays as sets when asked, ignoring order and duplicates", () => {
    const entries = jsonDiff(
      { topics: ["ai", "web", "ai"] },
      { topics: ["web", "rust", "ai"] },
      { stringArraysAsSets: true },
    );
    expect(entries).toEqual([
      { path: ["topics"], kind: "same", left: "ai", right: "ai", member: true },
      { path: ["topics"], kind: "same", left: "web", right: "web", member: true },
      { path: ["topics"], kind: "added", right: "rust", member: true },
    ]);
  });

  it("compares as sets only at the paths the predicate names", () => {
    const options = { stringArraysAsSets: (path: (string | number)[]) => path[0] === "tags", includeSame: false };
    const entries = jsonDiff({ tags: ["a", "b"], order: ["a", "b"] }, { tags: ["b", "a"], order: ["b", "a"] }, options);
    expect(entries.map((e) => e.path.join("."))).toEqual(["order.0", "order.1"]);
  });

  it("keeps mixed arrays index-wise even when sets are asked for", () => {
    const entries = jsonDiff(["a", 1], [1, "a"], { stringArraysAsSets: true, includeSame: false });
    expect(entries).toHaveLength(2);
    expect(entries[0].kind).toBe("changed");
  });

  it("reports a type change (object to array, object to string) as changed at that path", () => {
    expect(jsonDiff({ a: { b: 1 } }, { a: [1] }, { includeSame: false })).toEqual([
      { path: ["a"], kind: "changed", left: { b: 1 }, right: [1] },
    ]);
    expect(jsonDiff({ a: 1 }, "text")).toEqual([{ path: [], kind: "changed", left: { a: 1 }, right: "text" }]);
  });

  it("treats a missing side as a whole value added or removed", () => {
    expect(jsonDiff(undefined, { a: 1 })).toEqual([{ path: [], kind: "added", right: { a: 1 } }]);
    expect(jsonDiff([1], undefined)).toEqual([{ path: [], kind: "removed", left: [1] }]);
    expect(jsonDiff(undefined, undefined)).toEqual([]);
  });

  it("compares null as a value", () => {
    expect(jsonDiff({ a: null }, { a: 0 })).toEqual([{ path: ["a"], kind: "changed", left: null, right: 0 }]);
  });

  it("keeps the left key order, then the keys only the right has", () => {
    const entries = jsonDiff({ z: 1, a: 1 }, { b: 2, a: 1, z: 1 });
    expect(entries.map((e) => e.path[0])).toEqual(["z", "a", "b"]);
  });
});

describe("formatJsonPath", () => {
  it("reads like JavaScript access", () => {
    expect(formatJsonPath(["categories", 0, "subcategories"])).toBe("categories[0].subcategories");
    expect(formatJsonPath(["key with space", 2])).toBe('["key with space"][2]');
    expect(formatJsonPath([])).toBe("(whole value)");
    expect(formatJsonPath([3, "a"])).toBe("[3].a");
  });
});
