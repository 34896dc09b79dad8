import "server-only";
import type { AppContext } from "../app-context";
import { getPlanOverview } from "../merge/store/plan-queries";
import { latestRunWithChecks } from "../workflow/store";

/**
 * The last verify of step 3 (a copy ends with one, "Verify again" is one): a compact summary
 * of its checks and the records that did not match, for links to their detail pages. The
 * checks themselves are the page's generic Checks section.
 */
export type LastVerify = {
  runId: number;
  action: string;
  finishedAt: string | null;
  passed: number;
  total: number;
  failing: string[];
  categorization: string | null;
  mismatchCount: number;
  mismatches: { videoId: string; title: string | null; fields: string[] }[];
};

const RECORDS_CHECK = "Every record identical";
const CATEGORIZATION_CHECK = "Categorization records identical";
const LISTED = 50;

export async function lastVerifyOf(ctx: AppContext): Promise<LastVerify | null> {
  const run = await latestRunWithChecks(ctx.db, "copy");
  if (!run) return null;
  const records = run.checks.find((check) => check.name === RECORDS_CHECK);
  const evidence = records?.evidence ? (JSON.parse(records.evidence) as RecordsEvidence) : null;
  const listed = (evidence?.mismatches ?? []).slice(0, LISTED);
  const titles = await titlesOf(
    ctx,
    listed.map((m) => m.videoId),
  );
  return {
    runId: run.id,
    action: run.action,
    finishedAt: run.finishedAt,
    passed: run.checks.filter((check) => check.ok).length,
    total: run.checks.length,
    failing: run.checks.filter((check) => !check.ok).map((check) => check.name),
    categorization: run.checks.find((check) => check.name === CATEGORIZATION_CHECK)?.detail ?? null,
    // The evidence lists at most 200 and counts them all (runs before it counted kept only the list).
    mismatchCount: !records || records.ok ? 0 : (evidence?.differ ?? evidence?.mismatches.length ?? 0),
    mismatches: listed.map((m) => ({ ...m, title: titles.get(m.videoId) ?? null })),
  };
}

type RecordsEvidence = { compared: number; differ?: number; mismatches: { videoId: string; fields: string[] }[] };

async function titlesOf(ctx: AppContext, videoIds: string[]): Promise<Map<string, string>> {
  if (videoIds.length === 0) return new Map();
  const plan = await getPlanOverview(ctx.db);
  if (!plan) return new Map();
  const rows = await ctx.db.mergeRecord.findMany({
    where: { planId: plan.id, videoId: { in: videoIds } },
    select: { videoId: true, title: true },
  });
  return new Map(rows.map((row) => [row.videoId, row.title]));
}
