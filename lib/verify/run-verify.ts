import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import { CATEGORIZATION_FIELDS } from "@/lib/merge/fields";
import { batchIds, mergeBatchesAsync, openMergePass } from "@/lib/merge/merge-pass";
import { readPassKeys, sourceCounts } from "@/lib/merge/worker/pass-keys";
import { mergeThreads } from "@/lib/merge/worker/merge-products";
import type { PlanSources } from "@/lib/merge/planner";
import type { LedgerEntry } from "@/lib/merge/quarantine";
import { collectGarbageEvery } from "@/lib/merge/memory";
import type { MergedRecord, RecordDecisions } from "@/lib/merge/merge-record";
import { canonicalJson } from "@/lib/merge/transforms";
import type { CheckResult, ProgressReporter } from "@/lib/workflow/types";
import type { BatchExpectation, RecordExpectation } from "./expectations";
import { differingFields, mergedCanonical, recordHash, type CanonicalRecord } from "./record-hash";
import { readQuarantineIdentities, readTargetRecords } from "./target-read";
import { ledgerCheck, LedgerTally, type RecordStatus } from "./ledger";
import { loadStructureCheck, oneLatestCheck, targetCountsCheck } from "./target-checks";
import { contractExpectation, ContractTally, readBatchCards } from "./contract-checks";
import { mergedCard, type ListedCard } from "@/lib/contract/merged-card";

/**
 * `verify`: re-reads both sources through the same merge as the copy and compares every
 * record's canonical hash with the target's; checks the ledger, the categorization records,
 * one latest summary per variant, and that the target holds nothing beyond the plan.
 */
export type VerifyOptions = {
  client: pg.ClientBase;
  /** connections that read the target's rows, batch by batch in turn (default: client alone) */
  readers?: pg.ClientBase[];
  sources: PlanSources;
  decisions: ReadonlyMap<string, RecordDecisions>;
  batchSize: number;
  onProgress?: ProgressReporter;
  /** called per batch with each record's status, for the plan's records view */
  onStatuses?: (statuses: RecordStatus[]) => void;
  /**
   * The merged source view as the copy computed it (see verifyTarget for when it applies):
   * read batch by batch instead of merging both files again. Only a clean result is taken
   * from it; anything else is settled by the full pass.
   */
  expected?: { batchCount: number; records: number; read(batch: number): BatchExpectation | null };
  /** worker threads for the keys-only scan; by default one for large sources */
  threads?: number;
};

export type VerifyResult = {
  ok: boolean;
  checks: CheckResult[];
  recordsDigest: string;
  mismatches: { videoId: string; fields: string[] }[];
  /** what the target was compared with: the copy's record of the merged sources, or both files merged again */
  comparedWith: "copy" | "sources";
};

const MAX_LISTED = 20;

/**
 * Every record's comparison, whichever way the merged source view was obtained: its hash
 * against the target row's hash (computed here from what PostgreSQL returns), the ledger, the
 * categorization fields, and each record's status for the records view.
 */
class RecordChecks {
  readonly tally: LedgerTally;
  readonly digest = createHash("sha256");
  readonly mismatches: { videoId: string; fields: string[] }[] = [];
  readonly categorization = { total: 0, equal: 0, keptOut: 0, differ: [] as string[] };
  readonly contract = new ContractTally();
  compared = 0;
  copied = 0;
  summaries = 0;

  constructor(quarantined: Set<string>) {
    this.tally = new LedgerTally(quarantined);
  }

  /** `merged` (the full pass) lets a mismatch name its fields. */
  record(
    r: RecordExpectation,
    found: CanonicalRecord | undefined,
    card: ListedCard | undefined,
    merged?: { record: CanonicalRecord | null; card: ListedCard | null },
  ): RecordStatus {
    this.tally.addRecord(r.ledger, r.quarantine, found);
    this.contract.add(r, card, merged?.card);
    if (r.categorized) {
      const c = this.categorization;
      c.total++;
      if (!r.categorization) c.keptOut++;
      else if (
        found &&
        [...CATEGORIZATION_FIELDS].every((f, i) => canonicalJson(found.content[f] ?? null) === r.categorization![i])
      ) {
        c.equal++;
      } else c.differ.push(r.videoId);
    }
    const { hash } = r;
    if (hash === null) return { videoId: r.videoId, status: "quarantined", hash: null, mismatch: null };
    this.copied++;
    this.summaries += r.summaries;
    this.compared++;
    if (!found) {
      this.mismatches.push({ videoId: r.videoId, fields: ["(missing in target)"] });
      return { videoId: r.videoId, status: "missing", hash, mismatch: null };
    }
    const targetHash = recordHash(found);
    this.digest.update(`${r.videoId}:${targetHash}\n`);
    if (targetHash === hash) return { videoId: r.videoId, status: "identical", hash, mismatch: null };
    const fields = merged?.record ? differingFields(merged.record, found) : ["(record hash)"];
    this.mismatches.push({ videoId: r.videoId, fields });
    return { videoId: r.videoId, status: "differs", hash, mismatch: fields };
  }

  async result(
    client: pg.ClientBase,
    sourceCounts: Record<string, number>,
    comparedWith: VerifyResult["comparedWith"],
  ): Promise<VerifyResult> {
    const { mismatches, compared, categorization } = this;
    const listed = mismatches.slice(0, MAX_LISTED).map((m) => `${m.videoId} (${m.fields.join(", ")})`);
    const checks: CheckResult[] = [
      {
        name: "Every record identical",
        ok: mismatches.length === 0,
        detail:
          mismatches.length === 0
            ? `${compared} of ${compared} records identical between the merged sources and PostgreSQL`
            : `${mismatches.length} of ${compared} records differ: ${listed.join("; ")}${mismatches.length > MAX_LISTED ? "; …" : ""}`,
        evidence: { compared, differ: mismatches.length, mismatches: mismatches.slice(0, 200) },
      },
      ledgerCheck(this.tally, sourceCounts),
      {
        name: "Categorization records identical",
        ok: categorization.differ.length === 0,
        detail:
          `${categorization.equal} of ${categorization.total - categorization.keptOut} categorization records identical` +
          (categorization.keptOut ? ` (${categorization.keptOut} kept out by decision)` : "") +
          (categorization.differ.length ? `; differ: ${categorization.differ.slice(0, MAX_LISTED).join(", ")}` : ""),
        evidence: categorization,
      },
      await oneLatestCheck(client),
      await loadStructureCheck(client),
      await targetCountsCheck(client, this.copied, this.summaries),
      ...this.contract.checks(),
    ];
    return {
      ok: checks.every((c) => c.ok),
      checks,
      recordsDigest: this.digest.digest("hex"),
      mismatches,
      comparedWith,
    };
  }
}

/** A merged record in the form the checks take (what the copy stores per record, see expectations.ts). */
function expectationOf(r: MergedRecord, merged: CanonicalRecord | null): RecordExpectation {
  return {
    ...contractExpectation(r),
    videoId: r.videoId,
    hash: merged ? recordHash(merged) : null,
    summaries: merged ? merged.summaries.length : 0,
    categorized: r.categorized,
    categorization: merged ? [...CATEGORIZATION_FIELDS].map((f) => canonicalJson(merged.content[f] ?? null)) : null,
    ledger: r.ledger,
    quarantine: r.quarantine,
  };
}

/** A batch's target rows in canonical form and its cards as the Dashboard reads them, on one connection. */
async function readBatch(client: pg.ClientBase, videoIds: string[]) {
  const [records, cards] = await Promise.all([readTargetRecords(client, videoIds), readBatchCards(client, videoIds)]);
  return { records, cards };
}

export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  if (options.expected) {
    const fast = await runVerifyAgainstCopy(options, options.expected);
    if (fast?.ok) return fast;
  }
  const { client } = options;
  const pass = openMergePass(options.sources, options.batchSize);
  try {
    const checks = new RecordChecks(await readQuarantineIdentities(client));
    let done = 0;
    // The target rows of batch k + 1 are read while batch k + 1 merges.
    let nextTarget = readBatch(client, batchIds(pass, 0));
    for await (const batch of mergeBatchesAsync(pass, options.decisions)) {
      const target = await nextTarget;
      nextTarget = readBatch(client, batchIds(pass, batch.index + 1));
      nextTarget.catch(() => undefined);
      const statuses = batch.records.map((r) => {
        const merged = mergedCanonical(r);
        const card = mergedCard(r);
        return checks.record(expectationOf(r, merged), target.records.get(r.videoId), target.cards.get(r.videoId), {
          record: merged,
          card,
        });
      });
      if (batch.extras) checks.tally.addExtras(batch.extras.ledger as LedgerEntry[], batch.extras.quarantine);
      options.onStatuses?.(statuses);
      done += batch.records.length;
      options.onProgress?.({ phase: "verify", done, total: pass.order.length, unit: "records" });
    }
    await nextTarget;
    return await checks.result(client, sourceCounts(pass), "sources");
  } finally {
    pass.close();
  }
}

/**
 * Verify against the merged source view the copy computed, instead of merging both files a
 * second time. Why this is still a full, independent check of what PostgreSQL holds:
 * - the target side is read and hashed here, every row of every record, exactly as in the full
 *   pass; only the source side's hash comes from the copy, and it is the same deterministic
 *   function (recordHash(mergedCanonical(mergeRecord(…)))) of the same rows — computed from
 *   the merged record before the loader encoded it, so a loader, COPY, trigger or resume fault
 *   shows as a different target hash just as before;
 * - it applies only when the sources are the files the copy read (verifyTarget: same source
 *   fingerprints and decisions as the finished copy run; the step adds the freeze check
 *   against the backup's logical fingerprints), and the video ids of every batch, derived
 *   again here from a keys-only scan of both sources, must be the ones the copy stored;
 * - the ledger still counts every source table's rows now (count(*) of both files) against
 *   the entries, and still looks each entry up in the target and in migration_quarantine.
 * Any failure, or anything missing from the copy's record, falls back to the full pass, which
 * then gives the report (with the differing fields).
 */
async function runVerifyAgainstCopy(
  options: VerifyOptions,
  expected: NonNullable<VerifyOptions["expected"]>,
): Promise<VerifyResult | null> {
  const { client } = options;
  // The keys-only scan and the row counts of both files run in another thread meanwhile.
  const keys = readPassKeys(options.sources, options.batchSize, options.threads ?? mergeThreads(options.sources));
  keys.catch(() => undefined);
  const checks = new RecordChecks(await readQuarantineIdentities(client));
  /** every batch's video ids as the copy stored them, compared with the scan's order at the end */
  const storedIds: string[][] = [];
  const readers = options.readers ?? [client];
  const read = (index: number) => {
    const batch = index < expected.batchCount ? expected.read(index) : null;
    storedIds[index] = batch?.records.map((r) => r.videoId) ?? [];
    const target = readBatch(readers[index % readers.length]!, storedIds[index]!);
    target.catch(() => undefined);
    return { batch, target };
  };
  let done = 0;
  // One batch ahead per reader: each connection always has a batch to read while this thread compares.
  const ahead = Array.from({ length: readers.length }, (_, index) => read(index));
  // Little garbage per batch here (hashes, not texts): a full collection now and then keeps the peak flat.
  const collect = collectGarbageEvery(6);
  try {
    for (let index = 0; index < expected.batchCount; index++) {
      collect(index);
      const { batch, target: pending } = ahead.shift()!;
      const target = await pending;
      ahead.push(read(index + readers.length));
      const last = index === expected.batchCount - 1;
      if (!batch || batch.index !== index || Boolean(batch.extras) !== last) return null;
      const statuses = batch.records.map((r) =>
        checks.record(r, target.records.get(r.videoId), target.cards.get(r.videoId)),
      );
      if (batch.extras) checks.tally.addExtras(batch.extras.ledger, batch.extras.quarantine);
      options.onStatuses?.(statuses);
      done += batch.records.length;
      options.onProgress?.({ phase: "verify", done, total: expected.records, unit: "records" });
    }
  } finally {
    await Promise.all(ahead.map((a) => a.target.catch(() => undefined)));
  }
  const pass = await keys;
  if (pass.batchCount !== expected.batchCount) return null;
  for (let index = 0; index < pass.batchCount; index++) {
    const ids = pass.order.slice(index * options.batchSize, (index + 1) * options.batchSize);
    const stored = storedIds[index]!;
    if (stored.length !== ids.length || stored.some((id, i) => id !== ids[i])) return null;
  }
  return await checks.result(client, pass.sourceCounts, "copy");
}
