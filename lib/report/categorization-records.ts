import "server-only";
import path from "node:path";
import type { AppContext } from "../app-context";
import { diffCategorization, normalizeCategorization, type CategorizationInput } from "../diff/categorization-diff";
import { CATEGORIZATION_FIELDS } from "../merge/fields";
import { getPlanOverview } from "../merge/store/plan-queries";
import { mergedValues, readSideValues } from "../review/side-values";
import { readTarget } from "../review/target-read";
import { manifestOfEvidence } from "../steps/backup-step";
import { readTargetRecords } from "../verify/target-read";
import { approvalInForce } from "../workflow/store";
import type { CategorizationRecordFacts, CategorizationRecordsFacts, CategoryEntryFacts } from "./types";

/**
 * The categorization records of step 3's plan: each side's categories as the copy read them,
 * PostgreSQL's, the semantic comparison of the merged source with PostgreSQL (as the review's
 * categorization tab makes it) and what the last verify stored for the record.
 */
export async function loadCategorizationRecords(ctx: AppContext): Promise<CategorizationRecordsFacts> {
  const plan = await getPlanOverview(ctx.db);
  if (!plan) return { available: false, note: "Step 3 has no merge plan yet: there are no records to list." };
  const records = await ctx.db.mergeRecord.findMany({
    where: { planId: plan.id, categorized: true },
    orderBy: { ordinal: "asc" },
  });
  const ids = records.map((r) => r.videoId);
  const fields = await ctx.db.mergeField.findMany({
    where: { planId: plan.id, videoId: { in: ids }, field: { in: [...CATEGORIZATION_FIELDS] } },
    select: { videoId: true, field: true, chosenSide: true },
  });
  const chosen = new Map<string, Map<string, string>>();
  for (const f of fields) chosen.set(f.videoId, (chosen.get(f.videoId) ?? new Map()).set(f.field, f.chosenSide));
  const files = await sourceFiles(ctx, plan);
  let sides: ReturnType<typeof readSideValues>;
  try {
    sides = readSideValues(files, records);
  } catch (error) {
    return {
      available: false,
      note: `The files the plan read (${files.nas}, ${files.dashboard}) cannot be read: ${(error as Error).message}`,
    };
  }
  const target = await readTarget(ctx, (client) => readTargetRecords(client, ids));

  const rows = records.map((r): CategorizationRecordFacts => {
    const side = sides.get(r.videoId)!;
    const merged = mergedValues(side, chosen.get(r.videoId) ?? new Map());
    const found = target.ok ? target.value.get(r.videoId) : undefined;
    const diff = diffCategorization(merged as CategorizationInput, found?.content as CategorizationInput | undefined);
    let status: CategorizationRecordFacts["status"];
    if (!target.ok) status = "unknown";
    else if (r.action === "skip") status = found ? "different" : "kept_out";
    else if (!found) status = "missing";
    else status = diff.identical && !diff.orderOnly ? "identical" : "different";
    return {
      videoId: r.videoId,
      title: r.title,
      mergeCase: r.mergeCase,
      nas: categoriesOf(side.nas),
      dashboard: categoriesOf(side.dashboard),
      postgres: found ? categoriesOf(found.content) : null,
      status,
      verified: r.status,
    };
  });
  return {
    available: true,
    planId: plan.id,
    planHash: plan.planHash,
    targetError: target.ok ? null : target.error,
    records: rows,
  };
}

/**
 * A record's categories, one entry per category: PostgreSQL's analysis_json carries both
 * `categories[]` and the bare `subcategories` the Dashboard reads, which normalize to the same
 * entry twice (the comparison merges them the same way).
 */
function categoriesOf(values: Record<string, unknown> | null): CategoryEntryFacts[] | null {
  if (!values) return null;
  const merged = new Map<string, Set<string>>();
  for (const { category, subcategories } of normalizeCategorization(values as CategorizationInput).categories) {
    const set = merged.get(category) ?? new Set<string>();
    for (const name of subcategories) set.add(name);
    merged.set(category, set);
  }
  return [...merged].map(([category, set]) => ({ category, subcategories: [...set] }));
}

/**
 * The files the plan read, as step 1 froze them: the approved backup's snapshots (they outlive
 * the originals, which step 6 moves aside), else the plan's own paths.
 */
async function sourceFiles(ctx: AppContext, plan: { nasPath: string; dashboardPath: string }) {
  const approval = await approvalInForce(ctx.db, "backup");
  const manifest = approval ? manifestOfEvidence(ctx, approval.evidence) : null;
  const snapshot = (role: "nas" | "dashboard") => {
    const source = manifest?.sources.find((s) => s.role === role);
    return source ? path.join(manifest!.backupDir, source.snapshotFile) : null;
  };
  return { nas: snapshot("nas") ?? plan.nasPath, dashboard: snapshot("dashboard") ?? plan.dashboardPath };
}
