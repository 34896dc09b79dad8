import Database from "better-sqlite3";
import { expect } from "vitest";
import { confirmDefaults, decideRecord } from "../../lib/review/decide";
import { runShadowStep } from "../../lib/shadow/shadow-step";
import { approveStepWithGate } from "../../lib/steps/approve";
import { copyRunInput } from "../../lib/steps/copy-step";
import { runStepAction } from "../../lib/workflow/workflow";
import { demoHarness, type Harness } from "./copy-harness";
import { approveThroughSchema } from "./steps";

const ACTOR = "owner (test)";

/** What the shadow read finds on the pair approvedDemo prepares, by kind (lib/shadow/shadow.int.test.ts derives them). */
export const EXPECTED_COUNTS = { ordering: 16, not_listed: 4, newly_listed: 7, field: 11, facet: 22 };

/**
 * The demo pair with one Dashboard-only video stripped of every summary (a video the SQLite-era
 * Dashboard listed without one), copied with the owner's decision to leave it unlisted, and
 * step 3 approved: where step 4 begins.
 */
export async function approvedDemo(harnesses: Harness[]) {
  const h = await demoHarness();
  harnesses.push(h);
  const unlisted = h.expected.videoIds.dashboardOnly[0]!;
  const dashboard = new Database(h.sources.dashboard);
  dashboard.prepare("UPDATE content SET summary = NULL WHERE video_id = ?").run(unlisted);
  dashboard.prepare("DELETE FROM summary_variants WHERE video_id = ?").run(unlisted);
  dashboard
    .prepare("DELETE FROM content_summaries WHERE content_id IN (SELECT id FROM content WHERE video_id = ?)")
    .run(unlisted);
  dashboard.close();
  await approveThroughSchema(h, ACTOR);
  await h.plan();
  await decideRecord(h.ctx, { videoId: unlisted, field: "listing", choice: "unlisted", note: "no summary" }, ACTOR);
  await confirmDefaults(h.ctx, "all", ACTOR, "all records");
  expect((await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR))).status).toBe("passed");
  await approveStepWithGate(h.ctx, { stepId: "copy", actor: ACTOR, confirmation: "copy is complete" });
  return { h, unlisted, shadow: () => runShadowStep(h.ctx, { databaseUrl: h.databaseUrl, actor: ACTOR }) };
}
