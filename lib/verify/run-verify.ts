import { createHash } from "node:crypto";
import type pg from "pg";
import { CATEGORIZATION_FIELDS } from "@/lib/merge/fields";
import { batchIds, mergeBatchesAsync, openMergePass } from "@/lib/merge/merge-pass";
import type { PlanSources } from "@/lib/merge/planner";
import type { LedgerEntry } from "@/lib/merge/quarantine";
import { countRows } from "@/lib/merge/source-db";
import type { RecordDecisions } from "@/lib/merge/merge-record";
import { canonicalJson } from "@/lib/merge/transforms";
import type { CheckResult, ProgressReporter } from "@/lib/workflow/types";
import { differingFields, mergedCanonical, recordHash } from "./record-hash";
import { readQuarantineIdentities, readTargetRecords } from "./target-read";
import { ledgerCheck, LedgerTally, type RecordStatus } from "./ledger";
import { oneLatestCheck, targetCountsCheck } from "./target-checks";

/**
 * `verify`: re-reads both sources through the same merge as the copy and compares every
 * record's canonical hash with the target's; checks the ledger, the categorization records,
 * one latest summary per variant, and that the target holds nothing beyond the plan.
 */
export type VerifyOptions = {
  client: pg.ClientBase;
  sources: PlanSources;
  decisions: ReadonlyMap<string, RecordDecisions>;
  batchSize: number;
  onProgress?: ProgressReporter;
  /** called per batch with each record's status, for the plan's records view */
  onStatuses?: (statuses: RecordStatus[]) => void;
};

export type VerifyResult = {
  ok: boolean;
  checks: CheckResult[];
  recordsDigest: string;
  mismatches: { videoId: string; fields: string[] }[];
};

const MAX_LISTED = 20;

export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  const { client } = options;
  const pass = openMergePass(options.sources, options.batchSize);
  try {
    const quarantined = await readQuarantineIdentities(client);
    const tally = new LedgerTally(quarantined);
    const digest = createHash("sha256");
    const mismatches: { videoId: string; fields: string[] }[] = [];
    let compared = 0;
    let copied = 0;
    let summaries = 0;
    const categorization = { total: 0, equal: 0, keptOut: 0, differ: [] as string[] };
    let done = 0;
    // The target rows of batch k + 1 are read while batch k + 1 merges.
    let nextTarget = readTargetRecords(client, batchIds(pass, 0));
    for await (const batch of mergeBatchesAsync(pass, options.decisions)) {
      const target = await nextTarget;
      nextTarget = readTargetRecords(client, batchIds(pass, batch.index + 1));
      nextTarget.catch(() => undefined);
      const statuses: RecordStatus[] = [];
      for (const r of batch.records) {
        const merged = mergedCanonical(r);
        const hash = merged ? recordHash(merged) : null;
        const found = target.get(r.videoId);
        tally.addRecord(r.ledger, r.quarantine, found);
        if (r.categorized) {
          categorization.total++;
          if (!merged) categorization.keptOut++;
          else if (
            found &&
            [...CATEGORIZATION_FIELDS].every(
              (f) => canonicalJson(found.content[f] ?? null) === canonicalJson(merged.content[f] ?? null),
            )
          ) {
            categorization.equal++;
          } else categorization.differ.push(r.videoId);
        }
        if (!merged) {
          statuses.push({ videoId: r.videoId, status: "quarantined", hash: null, mismatch: null });
          continue;
        }
        copied++;
        summaries += merged.summaries.length;
        compared++;
        if (!found) {
          mismatches.push({ videoId: r.videoId, fields: ["(missing in target)"] });
          statuses.push({ videoId: r.videoId, status: "missing", hash, mismatch: null });
          continue;
        }
        const targetHash = recordHash(found);
        digest.update(`${r.videoId}:${targetHash}\n`);
        if (targetHash === hash) statuses.push({ videoId: r.videoId, status: "identical", hash, mismatch: null });
        else {
          const fields = differingFields(merged, found);
          mismatches.push({ videoId: r.videoId, fields });
          statuses.push({ videoId: r.videoId, status: "differs", hash, mismatch: fields });
        }
      }
      if (batch.extras) tally.addExtras(batch.extras.ledger as LedgerEntry[], batch.extras.quarantine);
      options.onStatuses?.(statuses);
      done += batch.records.length;
      options.onProgress?.({ phase: "verify", done, total: pass.order.length, unit: "records" });
    }
    await nextTarget;
    const sourceCounts = Object.fromEntries(
      (["nas", "dashboard"] as const).flatMap((side) =>
        (["content", "content_summaries", "summary_variants"] as const).map((t) => [
          `${side}.${t}`,
          countRows(pass[side].src, t),
        ]),
      ),
    );
    const listed = mismatches.slice(0, MAX_LISTED).map((m) => `${m.videoId} (${m.fields.join(", ")})`);
    const checks: CheckResult[] = [
      {
        name: "Every record identical",
        ok: mismatches.length === 0,
        detail:
          mismatches.length === 0
            ? `${compared} of ${compared} records identical between the merged sources and PostgreSQL`
            : `${mismatches.length} of ${compared} records differ: ${listed.join("; ")}${mismatches.length > MAX_LISTED ? "; …" : ""}`,
        evidence: { compared, mismatches: mismatches.slice(0, 200) },
      },
      ledgerCheck(tally, sourceCounts),
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
      await targetCountsCheck(client, copied, summaries),
    ];
    return { ok: checks.every((c) => c.ok), checks, recordsDigest: digest.digest("hex"), mismatches };
  } finally {
    pass.close();
  }
}
