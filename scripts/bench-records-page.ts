/**
 * Times the review pages' data at scale: `node --conditions=react-server --import tsx
 * scripts/bench-records-page.ts <dataDir>` on a data dir whose control DB holds a plan
 * (e.g. the one `npm run bench -- --records 100000` leaves in bench-data/100000/run/data).
 * Prints the median of 5 runs per query; the target is not needed for the list.
 */
import { createAppContext } from "../lib/app-context";
import { parseEnv } from "../lib/config/env";
import { closeControlDb } from "../lib/control/control-db";
import { parseReviewQuery } from "../lib/review/filters";
import { loadRecordsPage } from "../lib/review/records";
import { reviewGate, reviewGateChecks } from "../lib/review/review-gate";
import { loadReviewProgress } from "../lib/review/review-progress";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: bench-records-page.ts <dataDir>");
const ctx = createAppContext(parseEnv({ CUTOVER_DATA_DIR: dataDir }, process.cwd()));

async function time(name: string, fn: () => Promise<unknown>) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`${name.padEnd(44)} median ${runs[2]!.toFixed(1).padStart(7)} ms  (min ${runs[0]!.toFixed(1)})`);
}

try {
  const first = await loadRecordsPage(ctx, parseReviewQuery({}));
  if (!first) throw new Error("no plan in this data dir");
  console.log(`plan #${first.plan.id}: ${first.planTotal} records`);
  const last = first.planTotal - 60;
  await time("records page 1 (50 rows + counts)", () => loadRecordsPage(ctx, parseReviewQuery({})));
  await time(`records page after ordinal ${last}`, () =>
    loadRecordsPage(ctx, parseReviewQuery({ after: String(last) })),
  );
  await time("filter case=both_differ", () => loadRecordsPage(ctx, parseReviewQuery({ case: "both_differ" })));
  await time("filter status=identical, categorized", () =>
    loadRecordsPage(ctx, parseReviewQuery({ status: "identical", categorized: "1" })),
  );
  await time("search title 'zzz' (no match: full scan)", () => loadRecordsPage(ctx, parseReviewQuery({ q: "zzz" })));
  await time("records page data as the page loads it (+ gate)", async () => {
    await loadRecordsPage(ctx, parseReviewQuery({}));
    await reviewGate(ctx);
  });
  await time("decision progress over the whole plan", () => loadReviewProgress(ctx, first.plan.id));
  await time("review gate checks", () => reviewGateChecks(ctx));
} finally {
  await closeControlDb(ctx.paths.controlDb);
}
