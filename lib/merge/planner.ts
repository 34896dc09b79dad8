import type { ControlDb } from "@/lib/control/control-db";
import type { ProgressReporter } from "@/lib/workflow/types";
import { mergeBatches, openMergePass } from "./merge-pass";
import { fileFingerprint } from "./store/control-sql";
import { loadDecisions } from "./store/decisions";
import { createPlanWriter, type PlanCounts } from "./store/plan-writer";
import { canonicalHash } from "./transforms";

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
}): Promise<PlanResult> {
  const { decisions } = await loadDecisions(options.db);
  const pass = openMergePass(options.sources, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const writer = createPlanWriter(options.controlDbFile, {
    nasPath: options.sources.nas,
    dashboardPath: options.sources.dashboard,
    nasFingerprint: fileFingerprint(options.sources.nas),
    dashboardFingerprint: fileFingerprint(options.sources.dashboard),
    highWaterMark: pass.highWaterMark === null ? null : new Date(pass.highWaterMark).toISOString(),
    batchSize: pass.batchSize,
    batchCount: pass.batchCount,
  });
  try {
    let done = 0;
    const total = pass.order.length;
    for (const batch of mergeBatches(pass, decisions)) {
      writer.write(batch.records, batch.extras?.quarantine);
      done += batch.records.length;
      options.onProgress?.({ phase: "plan", done, total, unit: "records" });
      // Yield to the event loop between batches so a panel stays responsive and progress is written.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const planHash = sourcesHash(options.sources);
    const counts = writer.finish(planHash);
    return { planId: writer.planId, planHash, counts, records: total };
  } catch (error) {
    writer.abandon();
    throw error;
  } finally {
    pass.close();
  }
}

/** The ready plan, when it was made from these very files (same size and mtime). */
export async function currentPlan(db: ControlDb, sources: PlanSources) {
  const plan = await db.mergePlan.findFirst({ where: { status: "ready" }, orderBy: { id: "desc" } });
  if (!plan || plan.planHash !== sourcesHash(sources)) return null;
  if (plan.nasPath !== sources.nas || plan.dashboardPath !== sources.dashboard) return null;
  return plan;
}
