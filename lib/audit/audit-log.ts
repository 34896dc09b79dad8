import "server-only";
import type { ControlDb, ControlTx } from "../control/control-db";
import { type ChainVerdict, type ChainedEntry, entryHash, GENESIS_HASH, verifyChain } from "./audit-chain";

export type AuditOutcome = "ok" | "failed" | "refused" | "approved" | "revoked" | "started" | "cancelled";

export type AuditInput = {
  actor: string;
  step?: string | null;
  action: string;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
};

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  return (error as { code?: string })?.code === "P2002" || /UNIQUE constraint failed/i.test(text);
}

/**
 * Appends one entry at the head of the chain. Give it the transaction client of the change it
 * records (lib/control/control-db.ts controlTransaction), so the change and its entry commit
 * together; inside that transaction no other writer can take the head. Alone, two writers
 * (panel and CLI) may race for the same seq: UNIQUE(seq)/UNIQUE(prev_hash) lets exactly one
 * win and the other re-reads the head.
 */
export async function appendAudit(db: ControlTx, input: AuditInput): Promise<ChainedEntry> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const head = await db.auditEntry.findFirst({ orderBy: { seq: "desc" } });
    const content = {
      seq: (head?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      actor: input.actor,
      step: input.step ?? null,
      action: input.action,
      outcome: input.outcome,
      detail: JSON.stringify(input.detail ?? {}),
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const entry = { ...content, prevHash, hash: entryHash(content, prevHash) };
    try {
      await db.auditEntry.create({ data: entry });
      return entry;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }
  throw new Error("Could not append to the audit log: too much contention");
}

export async function listAudit(db: ControlDb, options: { limit?: number; beforeSeq?: number; step?: string } = {}) {
  return db.auditEntry.findMany({
    where: {
      ...(options.beforeSeq ? { seq: { lt: options.beforeSeq } } : {}),
      ...(options.step ? { step: options.step } : {}),
    },
    orderBy: { seq: "desc" },
    take: options.limit ?? 100,
  });
}

/** Reads the whole chain in seq order, in pages, and verifies every link. */
export async function verifyAuditLog(db: ControlDb): Promise<ChainVerdict> {
  async function* pages() {
    let after = 0;
    for (;;) {
      const page = await db.auditEntry.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: 1000 });
      if (page.length === 0) return;
      yield* page;
      after = page[page.length - 1]!.seq;
    }
  }
  const entries: ChainedEntry[] = [];
  for await (const entry of pages()) entries.push(entry);
  return verifyChain(entries);
}
