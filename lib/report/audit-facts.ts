import "server-only";
import { verifyAuditLog } from "../audit/audit-log";
import { GENESIS_HASH } from "../audit/audit-chain";
import type { ControlDb } from "../control/control-db";
import type { AuditFacts } from "./types";

/** The chain's head and lib/audit's verdict on every link, as they are when the report is made. */
export async function loadAuditFacts(db: ControlDb): Promise<AuditFacts> {
  const [verdict, head, entries] = await Promise.all([
    verifyAuditLog(db),
    db.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } }),
    db.auditEntry.count(),
  ]);
  return {
    entries,
    headSeq: head?.seq ?? null,
    headHash: head?.hash ?? GENESIS_HASH,
    verified: verdict.ok,
    broken: verdict.ok ? null : { seq: verdict.brokenAt, reason: verdict.reason },
  };
}
