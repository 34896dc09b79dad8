import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { approveStepWithGate } from "@/lib/steps/approve";
import { copyRunInput } from "@/lib/steps/copy-step";
import { acquireLease } from "@/lib/workflow/lease";
import { actionLabel } from "@/lib/workflow/steps";
import { getStepStatusOrThrow, runStepAction } from "@/lib/workflow/workflow";
import { approveThroughSchema } from "@/test/support/steps";
import { loadCategorizationTab } from "./categorization-tab";
import { copyFreshness } from "./copy-freshness";
import { confirmDefaults, decideRecord } from "./decide";
import { parseReviewQuery } from "./filters";
import { loadRecordDetail } from "./record-detail";
import { loadRecordsPage } from "./records";
import { reviewGate, reviewGateChecks } from "./review-gate";

const ACTOR = "owner (test)";
const PHRASE = "copy is complete";
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

async function copiedDemo() {
  const h = await demoHarness();
  harnesses.push(h);
  await approveThroughSchema(h, ACTOR);
  const copy = () => runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR));
  expect((await copy()).status).toBe("passed");
  return { h, copy };
}

const noQuery = parseReviewQuery({});

describe("review of step 3", () => {
  it("applies a switched field and a restored resurrection candidate on the re-copy, and verify passes", async () => {
    const { h, copy } = await copiedDemo();
    const conflict = h.expected.videoIds.titleConflicts[0]!;
    const other = conflict.newer === "nas" ? "dashboard" : "nas";
    const candidate = h.expected.videoIds.resurrectionCandidates[0]!;
    const before = await loadRecordDetail(h.ctx, conflict.videoId, noQuery);
    const title = before!.fieldRows.find((r) => r.field === "title")!;
    expect(title.chosen).toBe(conflict.newer);
    expect(title.values.postgres).toBe(conflict.newer === "nas" ? conflict.nasTitle : conflict.dashboardTitle);

    // a kept-out candidate shows what its NAS file holds, and where it stands
    const kept = await loadRecordDetail(h.ctx, candidate, noQuery);
    expect(kept!.placement).toBe("kept-out");
    expect(kept!.summaries.length).toBeGreaterThan(0);
    expect(kept!.summaries.every((s) => s.nas !== null && s.dashboard === null && s.postgres === null)).toBe(true);

    const switched = await decideRecord(h.ctx, { videoId: conflict.videoId, field: "title", choice: other }, ACTOR);
    expect(switched).toMatchObject({ changed: true, revoked: [] });
    await decideRecord(h.ctx, { videoId: candidate, field: "*", choice: "restore", note: "still wanted" }, ACTOR);
    expect((await copyFreshness(h.ctx)).state).toBe("stale");
    expect((await loadRecordDetail(h.ctx, candidate, noQuery))!.placement).toBe("will-be-copied");
    expect((await loadRecordDetail(h.ctx, conflict.videoId, noQuery))!.title).toBe(
      other === "nas" ? conflict.nasTitle : conflict.dashboardTitle,
    );

    expect((await copy()).status).toBe("passed");
    expect((await copyFreshness(h.ctx)).state).toBe("current");
    const after = await loadRecordDetail(h.ctx, conflict.videoId, noQuery);
    const newTitle = after!.fieldRows.find((r) => r.field === "title")!;
    expect(newTitle.chosen).toBe(other);
    expect(newTitle.values.postgres).toBe(other === "nas" ? conflict.nasTitle : conflict.dashboardTitle);
    expect(await h.query("SELECT 1 FROM content WHERE video_id = $1", [candidate])).toHaveLength(1);
    const restored = await loadRecordDetail(h.ctx, candidate, noQuery);
    expect(restored!.inTarget).toBe(true);
    expect(restored!.placement).toBe("copied");
    expect(restored!.targetQuarantine!.filter((q) => q.reason === "resurrection_candidate")).toEqual([]);
    const tab = await loadCategorizationTab(h.ctx);
    expect(tab!.total).toBe(67);
    expect(tab!.tally.identical).toBe(67 - (tab!.tally.kept_out ?? 0));
  });

  it("refuses approval until conflicts are decided or confirmed and the typed phrase is right", async () => {
    const { h } = await copiedDemo();
    const approve = (confirmation?: string) =>
      approveStepWithGate(h.ctx, { stepId: "copy", actor: ACTOR, confirmation });
    await expect(approve(PHRASE)).rejects.toThrow(
      /every conflict and resurrection candidate decided: \d+ of \d+ still need/,
    );
    // the list the gate links to shows the gate's own count, and only records still open
    const { pending } = await reviewGate(h.ctx);
    const page = await loadRecordsPage(h.ctx, parseReviewQuery({ open: "1" }));
    expect(page!.filteredTotal).toBe(pending!.gate.length);
    expect(page!.records.map((r) => r.videoId).sort()).toEqual(pending!.gate.map((r) => r.videoId).sort());
    expect(page!.records.every((r) => r.decision === "undecided")).toBe(true);
    const candidates = await loadRecordsPage(h.ctx, parseReviewQuery({ case: "resurrection_candidate" }));
    expect(candidates!.filteredTotal).toBe(candidates!.records.length);

    // "keep deleted" on a candidate that has no decision confirms its default; nothing to re-copy
    const candidate = h.expected.videoIds.resurrectionCandidates[1]!;
    const kept = await decideRecord(h.ctx, { videoId: candidate, field: "*", choice: "keep_deleted" }, ACTOR);
    expect(kept.message).toMatch(/Default confirmed/);
    expect((await copyFreshness(h.ctx)).state).toBe("current");

    expect(await confirmDefaults(h.ctx, "all", ACTOR, "all records")).toBeGreaterThan(0);
    expect((await reviewGateChecks(h.ctx)).filter((c) => !c.ok)).toEqual([]);
    await expect(approve("copy is done")).rejects.toThrow(/Typed confirmation: type "copy is complete"/);
    await expect(approve(undefined)).rejects.toThrow(/Typed confirmation/);
    await approve("  Copy is complete ");
    expect((await getStepStatusOrThrow(h.ctx, "copy")).state).toBe("approved");
    const refusals = await h.ctx.db.auditEntry.count({
      where: { step: "copy", action: "approve", outcome: "refused" },
    });
    expect(refusals).toBe(3);
  });

  it("revokes the approval when a decision changes after it, and asks for a re-copy before approving again", async () => {
    const { h, copy } = await copiedDemo();
    await confirmDefaults(h.ctx, "all", ACTOR, "all records");
    await approveStepWithGate(h.ctx, { stepId: "copy", actor: ACTOR, confirmation: PHRASE });
    const candidate = h.expected.videoIds.resurrectionCandidates[2]!;

    const outcome = await decideRecord(h.ctx, { videoId: candidate, field: "*", choice: "restore" }, ACTOR);
    expect(outcome.revoked).toEqual(["copy"]);
    expect(outcome.message).toMatch(/Approval revoked: step 3 "Copy & diff"\.$/);
    const approval = await h.ctx.db.approval.findFirstOrThrow({ where: { step: "copy" } });
    expect(approval.revokedReason).toBe(`a merge decision changed after the approval (video ${candidate}: restore)`);
    expect((await getStepStatusOrThrow(h.ctx, "copy")).state).toBe("passed");
    await expect(approveStepWithGate(h.ctx, { stepId: "copy", actor: ACTOR, confirmation: PHRASE })).rejects.toThrow(
      /PostgreSQL holds the current decisions: a decision changed after run #\d+; run Copy and verify again/,
    );

    expect((await copy()).status).toBe("passed");
    await approveStepWithGate(h.ctx, { stepId: "copy", actor: ACTOR, confirmation: PHRASE });
    expect((await getStepStatusOrThrow(h.ctx, "copy")).state).toBe("approved");
  });

  it("refuses a decision while another action holds the lease (a copy running), changing nothing", async () => {
    const { h } = await copiedDemo();
    const candidate = h.expected.videoIds.resurrectionCandidates[3]!;
    const lease = await acquireLease(h.ctx.db, actionLabel("copy", "copy"));
    try {
      await expect(decideRecord(h.ctx, { videoId: candidate, field: "*", choice: "restore" }, ACTOR)).rejects.toThrow(
        /^Busy: the copy \(step 3, Copy & diff\) is running since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\. Try again/,
      );
      await expect(confirmDefaults(h.ctx, "all", ACTOR, "all records")).rejects.toThrow(/^Busy/);
    } finally {
      await lease.release();
    }
    expect(await h.ctx.db.mergeDecision.count({ where: { videoId: candidate } })).toBe(0);
    const refused = await h.ctx.db.auditEntry.count({ where: { step: "copy", outcome: "refused" } });
    expect(refused).toBe(2);
  });
});

describe("a NAS-new video the owner skips", () => {
  it("is quarantined whole as skipped_by_owner (not as a resurrection candidate), and verify stays green", async () => {
    const { h, copy } = await copiedDemo();
    const video = h.expected.videoIds.nasNew[0]!;
    await decideRecord(h.ctx, { videoId: video, field: "*", choice: "skip", note: "not wanted" }, ACTOR);
    expect((await copy()).status).toBe("passed");
    expect(await h.query("SELECT 1 FROM content WHERE video_id = $1", [video])).toEqual([]);
    const reasons = await h.query<{ reason: string }>(
      "SELECT DISTINCT reason FROM migration_quarantine WHERE video_id = $1",
      [video],
    );
    expect(reasons).toEqual([{ reason: "skipped_by_owner" }]);
  });
});

describe("a merge decision is one transaction", () => {
  it("leaves no decision, no plan change and the approval in force when the write of its audit entry fails", async () => {
    const { h } = await copiedDemo();
    await confirmDefaults(h.ctx, "all", ACTOR, "all records");
    await approveStepWithGate(h.ctx, { stepId: "copy", actor: ACTOR, confirmation: PHRASE });
    const candidate = h.expected.videoIds.resurrectionCandidates[4]!;
    const entries = await h.ctx.db.auditEntry.count();

    // The crash: the audit entry, written after the decision row and the plan row, cannot be written.
    const raw = new Database(h.ctx.paths.controlDb);
    raw.exec(`CREATE TRIGGER crash_injected BEFORE INSERT ON audit_log WHEN NEW.action = 'merge decision'
      BEGIN SELECT RAISE(ABORT, 'crash injected'); END`);
    try {
      await expect(decideRecord(h.ctx, { videoId: candidate, field: "*", choice: "restore" }, ACTOR)).rejects.toThrow(
        /constraint violated/i,
      );
    } finally {
      raw.exec("DROP TRIGGER crash_injected");
      raw.close();
    }
    expect(await h.ctx.db.mergeDecision.count({ where: { videoId: candidate } })).toBe(0);
    const record = await h.ctx.db.mergeRecord.findFirstOrThrow({ where: { videoId: candidate } });
    expect(record.action).toBe("skip");
    expect((await getStepStatusOrThrow(h.ctx, "copy")).state).toBe("approved");
    // no entry of the decision and none of a revocation
    expect(await h.ctx.db.auditEntry.count()).toBe(entries);

    const outcome = await decideRecord(h.ctx, { videoId: candidate, field: "*", choice: "restore" }, ACTOR);
    expect(outcome.revoked).toEqual(["copy"]);
    expect(await h.ctx.db.mergeDecision.count({ where: { videoId: candidate } })).toBe(1);
  });
});
