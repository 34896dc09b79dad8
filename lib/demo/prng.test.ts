import { describe, expect, it } from "vitest";
import { createPrng, YOUTUBE_ID_ALPHABET } from "./prng";

describe("createPrng", () => {
  it("gives the same sequence for the same seed", () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    expect(seqA).toEqual(seqB);
  });

  it("gives a different sequence for a different seed", () => {
    const a = createPrng(1);
    const b = createPrng(2);
    expect(Array.from({ length: 5 }, () => a.next())).not.toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it("stays within [0, 1) and int stays within its inclusive bounds", () => {
    const prng = createPrng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = prng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = prng.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("shuffles into a permutation without touching the input", () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = createPrng(9).shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(input);
  });

  it("draws strings from the given alphabet, such as 11-character YouTube ids", () => {
    const id = createPrng(11).string(11, YOUTUBE_ID_ALPHABET);
    expect(id).toMatch(/^[A-Za-z0-9_-]{11}$/);
  });

  it("refuses to pick from an empty list", () => {
    expect(() => createPrng(1).pick([])).toThrow(/empty/);
  });
});
