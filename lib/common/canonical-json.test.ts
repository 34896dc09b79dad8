import { describe, expect, it } from "vitest";
import { canonicalHash, canonicalJson, sha256Hex } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("sorts keys by UTF-16 code units", () => {
    expect(canonicalJson({ é: 1, z: 2, A: 3, "😀": 4, "\uffff": 5 })).toBe('{"A":3,"z":2,"é":1,"😀":4,"\uffff":5}');
  });

  it("writes equal numbers alike", () => {
    expect(canonicalJson([1.0, -0, 1e21, 0.1, 1e-7])).toBe("[1,0,1e+21,0.1,1e-7]");
  });

  it("writes a bigint as its exact digits", () => {
    expect(canonicalJson({ n: 12345678901234567890n })).toBe('{"n":12345678901234567890}');
  });

  it("drops undefined properties and writes undefined array items as null", () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it("writes a Date as its ISO string", () => {
    expect(canonicalJson(new Date("2024-01-02T03:04:05Z"))).toBe('"2024-01-02T03:04:05.000Z"');
  });

  it("keeps __proto__ as an ordinary key", () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":2}');
  });

  it("refuses what JSON cannot say instead of hashing something ambiguous", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [
      Number.NaN,
      Infinity,
      () => 1,
      Symbol("s"),
      Buffer.from("x"),
      cyclic,
      new Date("nope"),
      new Map([["a", 1]]),
      new Set([1]),
    ]) {
      expect(() => canonicalJson(value)).toThrow(TypeError);
    }
  });

  it("accepts objects without a prototype", () => {
    const value = Object.assign(Object.create(null), { b: 1, a: 2 });
    expect(canonicalJson(value)).toBe('{"a":2,"b":1}');
  });

  it("allows the same object twice when it is not a cycle", () => {
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it("gives the same hash for the same value built in another order", () => {
    expect(canonicalHash({ x: 1, y: ["two"] })).toBe(canonicalHash({ y: ["two"], x: 1 }));
    expect(canonicalHash({ x: 1 })).not.toBe(canonicalHash({ x: 2 }));
  });

  it("round-trips through JSON.parse to an equal value", () => {
    const value = { z: [1, "é\n", { b: null, a: true }], a: -2.5 };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe("sha256Hex", () => {
  it("hashes text as UTF-8", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
