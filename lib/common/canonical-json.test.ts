import { describe, expect, it } from "vitest";
import { canonicalHash, canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("gives the same hash for the same value built in another order", () => {
    expect(canonicalHash({ x: 1, y: "two" })).toBe(canonicalHash({ y: "two", x: 1 }));
    expect(canonicalHash({ x: 1 })).not.toBe(canonicalHash({ x: 2 }));
  });

  it("drops undefined properties and writes bigints and dates as text", () => {
    expect(canonicalJson({ a: undefined, b: 10n, c: new Date("2026-01-02T03:04:05Z") })).toBe(
      '{"b":"10","c":"2026-01-02T03:04:05.000Z"}',
    );
  });
});
