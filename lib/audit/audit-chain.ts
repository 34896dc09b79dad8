import { canonicalJson, sha256Hex } from "../common/canonical-json";

/** Pure rules of the hash chain: each entry's hash covers its content and the previous hash. */
export const GENESIS_HASH = "0".repeat(64);

export type AuditContent = {
  seq: number;
  at: string;
  actor: string;
  step: string | null;
  action: string;
  outcome: string;
  detail: string;
};

export type ChainedEntry = AuditContent & { prevHash: string; hash: string };

export function entryHash(content: AuditContent, prevHash: string): string {
  const { seq, at, actor, step, action, outcome, detail } = content;
  return sha256Hex(canonicalJson({ prevHash, seq, at, actor, step, action, outcome, detail }));
}

export type ChainVerdict =
  { ok: true; entries: number; headHash: string } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks entries in seq order; reports the first entry whose link or hash does not hold. */
export function verifyChain(entries: Iterable<ChainedEntry>): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const entry of entries) {
    count++;
    if (entry.seq !== expectedSeq) {
      return { ok: false, entries: count, brokenAt: entry.seq, reason: `entry #${expectedSeq} is missing` };
    }
    if (entry.prevHash !== prevHash) {
      return { ok: false, entries: count, brokenAt: entry.seq, reason: "does not link to the entry before it" };
    }
    if (entryHash(entry, prevHash) !== entry.hash) {
      return { ok: false, entries: count, brokenAt: entry.seq, reason: "its content no longer matches its hash" };
    }
    prevHash = entry.hash;
    expectedSeq++;
  }
  return { ok: true, entries: count, headHash: prevHash };
}
