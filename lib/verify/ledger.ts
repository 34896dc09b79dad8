import type { LedgerEntry } from "@/lib/merge/quarantine";
import type { CheckResult } from "@/lib/workflow/types";
import type { QuarantineIdentity } from "./expectations";
import type { CanonicalRecord } from "./record-hash";

/**
 * DESIGN.md's ledger invariant: every row of every source table is in the target (its content
 * row by video_id, its summary by (video_id, variant, revision)) or in migration_quarantine.
 * Counting the entries per source table against the tables' row counts proves none was skipped.
 */
export type RecordStatus = {
  videoId: string;
  status: "identical" | "differs" | "missing" | "quarantined";
  hash: string | null;
  mismatch: string[] | null;
};

export class LedgerTally {
  readonly seen: Record<string, number> = {};
  readonly unaccounted: string[] = [];
  unaccountedCount = 0;
  missingQuarantine = 0;

  constructor(private readonly quarantined: Set<string>) {}

  private miss(entry: LedgerEntry, why: string) {
    this.unaccountedCount++;
    if (this.unaccounted.length < 20)
      this.unaccounted.push(`${entry.source}.${entry.table} ${entry.sourceKey} (${why})`);
  }

  private add(entry: LedgerEntry, target: CanonicalRecord | undefined) {
    const key = `${entry.source}.${entry.table}`;
    this.seen[key] = (this.seen[key] ?? 0) + 1;
    if (entry.to === "content" && !target) this.miss(entry, "not in target");
    if (
      entry.to === "summary" &&
      !target?.summaries.some((s) => s.variant === entry.variant && s.revision === entry.revision)
    ) {
      this.miss(entry, `summary ${entry.variant}/${entry.revision} not in target`);
    }
    if (
      entry.to === "quarantine" &&
      !this.quarantined.has([entry.source, entry.table, entry.sourceKey, entry.reason].join("\u0001"))
    ) {
      this.miss(entry, `not in quarantine as ${entry.reason}`);
    }
  }

  private expectQuarantine(entries: QuarantineIdentity[]) {
    for (const q of entries) {
      if (!this.quarantined.has([q.source, q.sourceTable, q.sourceKey, q.reason, q.field ?? ""].join("\u0001")))
        this.missingQuarantine++;
    }
  }

  addRecord(ledger: LedgerEntry[], quarantine: QuarantineIdentity[], target: CanonicalRecord | undefined) {
    for (const entry of ledger) this.add(entry, target);
    this.expectQuarantine(quarantine);
  }

  addExtras(ledger: LedgerEntry[], quarantine: QuarantineIdentity[]) {
    for (const entry of ledger) this.add(entry, undefined);
    this.expectQuarantine(quarantine);
  }
}

export function ledgerCheck(tally: LedgerTally, sourceCounts: Record<string, number>): CheckResult {
  const uncounted = Object.entries(sourceCounts).filter(([key, count]) => (tally.seen[key] ?? 0) !== count);
  const ok = uncounted.length === 0 && tally.unaccountedCount === 0 && tally.missingQuarantine === 0;
  const total = Object.values(sourceCounts).reduce((a, b) => a + b, 0);
  const problems = [
    ...uncounted.map(([key, count]) => `${key}: ${tally.seen[key] ?? 0} of ${count} rows accounted`),
    ...(tally.unaccountedCount ? [`${tally.unaccountedCount} rows missing: ${tally.unaccounted.join(", ")}`] : []),
    ...(tally.missingQuarantine ? [`${tally.missingQuarantine} field quarantine rows missing`] : []),
  ];
  return {
    name: "Ledger: every source row in the target or in quarantine",
    ok,
    detail: ok ? `${total} of ${total} source rows accounted for` : problems.join("; "),
    evidence: { sourceCounts, seen: tally.seen },
  };
}
