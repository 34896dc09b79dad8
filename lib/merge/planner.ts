import "server-only";
import type { ControlDb } from "@/lib/control/control-db";
import type { ProgressReporter } from "@/lib/workflow/types";
import { fileFingerprint } from "./store/control-sql";
import { collectGarbage } from "./memory";
import { loadDecisions } from "./store/decisions";
import { createPlanWriter, PLAN_BATCH_ROWS, type PlanCounts } from "./store/plan-writer";
import { canonicalHash } from "./transforms";
import { mergeThreads, openMergeProducts } from "./worker/merge-products";

/**
 * `plan`: one streaming pass over both sources through the merge rules, recorded in the
 * control DB. It never writes the sources or the target.
 */
export type PlanSources = { nas: string; dashboard: string };
export type PlanResult = { planId: number; planHash: string; counts: PlanCounts; records: number };

export const DEFAULT_BATCH_SIZE = 250;

export function sourcesHash(sources: PlanSources): string {
  return canonicalHash({ nas: fileFingerprint(sources.nas), dashboard: fileFingerprint(sources.dashboard) });
}

export async function buildPlan(options: {
  db: ControlDb;
  controlDbFile: string;
  sources: PlanSources;
  batchSize?: number;
  onProgress?: ProgressReporter;
  /** merge threads; by default one for large sources, none for small ones */
  threads?: number;
}): Promise<PlanResult> {
  const { decisions } = await loadDecisions(options.db);
  // The merge runs in a worker thread for large sources, while this thread writes the plan rows.
  const pass = await openMergeProducts({
    sources: options.sources,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    decisions,
    product: PLAN_BATCH_ROWS,
    threads: options.threads ?? mergeThreads(options.sources),
  });
  try {
    const { info } = pass;
    const writer = createPlanWriter(options.controlDbFile, {
      nasPath: options.sources.nas,
      dashboardPath: options.sources.dashboard,
      nasFingerprint: fileFingerprint(options.sources.nas),
      dashboardFingerprint: fileFingerprint(options.sources.dashboard),
      highWaterMark: info.highWaterMark === null ? null : new Date(info.highWaterMark).toISOString(),
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      batchCount: info.batchCount,
    });
    try {
      let done = 0;
      for await (const { product, records } of pass.products(0)) {
        writer.write(product);
        done += records;
        options.onProgress?.({ phase: "plan", done, total: info.total, unit: "records" });
      }
      const planHash = sourcesHash(options.sources);
      const counts = writer.finish(planHash);
      // The rows that came over from the merge thread are garbage now; a copy would otherwise start on top of them.
      collectGarbage();
      return { planId: writer.planId, planHash, counts, records: info.total };
    } catch (error) {
      writer.abandon();
      throw error;
    }
  } finally {
    await pass.close();
  }
}

/** The ready plan, when it was made from these very files (same size and mtime). */
export async function currentPlan(db: ControlDb, sources: PlanSources) {
  const plan = await db.mergePlan.findFirst({ where: { status: "ready" }, orderBy: { id: "desc" } });
  if (!plan || plan.planHash !== sourcesHash(sources)) return null;
  if (plan.nasPath !== sources.nas || plan.dashboardPath !== sources.dashboard) return null;
  return plan;
}
