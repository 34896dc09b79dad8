import { describe, expect, it } from "vitest";
import { type ChainedEntry, entryHash, GENESIS_HASH, verifyChain } from "./audit-chain";

function chain(count: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const content = {
      seq,
      at: `2026-11-25T00:00:0${seq}.000Z`,
      actor: "owner",
      step: "backup",
      action: "run",
      outcome: "ok",
      detail: "{}",
    };
    const hash = entryHash(content, prevHash);
    entries.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

describe("verifyChain", () => {
  it("accepts an intact chain and an empty one", () => {
    expect(verifyChain(chain(4))).toMatchObject({ ok: true, entries: 4 });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, headHash: GENESIS_HASH });
  });

  it("reports the entry whose content was edited", () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, outcome: "refused" };
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/content/) });
  });

  it("reports a removed entry", () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 3, reason: "entry #2 is missing" });
  });

  it("reports an entry whose hash was recomputed but whose successor still links to the old one", () => {
    const entries = chain(3);
    const edited = { ...entries[1]!, actor: "intruder" };
    edited.hash = entryHash(edited, edited.prevHash);
    entries[1] = edited;
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 3 });
  });
});
