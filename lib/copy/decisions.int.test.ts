import { afterEach, describe, expect, it } from "vitest";
import { setDecision } from "@/lib/merge/store/decisions";
import { getPlanRecord, listPlanRecords } from "@/lib/merge/store/plan-queries";
import type { Progress } from "@/lib/workflow/types";
import { demoHarness, type Harness } from "@/test/support/copy-harness";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});
const ACTOR = "owner (test)";

describe("owner decisions", () => {
  it("survive re-planning and override the default side and the default action", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    await h.plan();
    const conflict = h.expected.videoIds.titleConflicts.find((c) => c.newer === "dashboard")!;
    const candidate = h.expected.videoIds.resurrectionCandidates[0]!;
    await setDecision(
      h.ctx.db,
      { videoId: conflict.videoId, field: "title", choice: "nas", note: "keep the caps" },
      ACTOR,
    );
    await setDecision(h.ctx.db, { videoId: candidate, field: "*", choice: "restore" }, ACTOR);

    const replanned = await h.plan();
    expect(replanned.counts.counts.resurrection_candidate).toBe(6);
    const detail = await getPlanRecord(h.ctx.db, conflict.videoId);
    expect(detail!.fields.find((f) => f.field === "title")).toMatchObject({
      defaultSide: "dashboard",
      chosenSide: "nas",
    });
    expect(detail!.decisions).toEqual([
      expect.objectContaining({ field: "title", choice: "nas", note: "keep the caps" }),
    ]);
    expect((await getPlanRecord(h.ctx.db, candidate))!.record).toMatchObject({ action: "copy", defaultAction: "skip" });

    await h.copy();
    expect(await h.query("SELECT title FROM content WHERE video_id = $1", [conflict.videoId])).toEqual([
      { title: conflict.nasTitle },
    ]);
    expect(await h.query("SELECT 1 FROM content WHERE video_id = $1", [candidate])).toHaveLength(1);
    expect(
      await h.query("SELECT 1 FROM migration_quarantine WHERE video_id = $1 AND reason = 'resurrection_candidate'", [
        candidate,
      ]),
    ).toEqual([]);
    expect((await h.verify()).ok).toBe(true);
    const audit = await h.ctx.db.auditEntry.findMany({ where: { action: "merge decision" } });
    expect(audit).toHaveLength(2);
  });

  it("applies a changed decision on the next copy: a restored record goes back to quarantine when kept deleted", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    await h.plan();
    const candidate = h.expected.videoIds.resurrectionCandidates[1]!;
    await setDecision(h.ctx.db, { videoId: candidate, field: "*", choice: "restore" }, ACTOR);
    const reports: Progress[] = [];
    await h.copy({ onProgress: (p) => reports.push(p) });
    // The plan never merged the restored record's summaries: their total is only known once written.
    const [{ n: summaries }] = await h.query<{ n: number }>("SELECT count(*)::int AS n FROM content_summaries");
    expect(reports.filter((r) => r.phase === "copy").at(-1)!.tables).toEqual([
      { table: "content", done: 85, total: 85 },
      { table: "content_summaries", done: summaries, total: null },
    ]);
    await setDecision(h.ctx.db, { videoId: candidate, field: "*", choice: "keep_deleted" }, ACTOR);
    await h.copy();
    expect(await h.query("SELECT 1 FROM content WHERE video_id = $1", [candidate])).toEqual([]);
    expect(await h.query("SELECT 1 FROM content_summaries WHERE video_id = $1", [candidate])).toEqual([]);
    const rows = await h.query(
      "SELECT source_table FROM migration_quarantine WHERE video_id = $1 AND reason = 'resurrection_candidate'",
      [candidate],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect((await h.verify()).ok).toBe(true);
  });

  it("pages and filters the records view by case, categorization and title", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    await h.plan();
    const first = await listPlanRecords(h.ctx.db, { limit: 40 });
    const second = await listPlanRecords(h.ctx.db, { limit: 40, afterOrdinal: first.nextAfterOrdinal! });
    const third = await listPlanRecords(h.ctx.db, { limit: 40, afterOrdinal: second.nextAfterOrdinal! });
    expect([...first.records, ...second.records, ...third.records]).toHaveLength(90);
    expect(third.nextAfterOrdinal).toBeNull();
    expect((await listPlanRecords(h.ctx.db, { categorized: true, limit: 500 })).records).toHaveLength(67);
    expect((await listPlanRecords(h.ctx.db, { mergeCase: "nas_new" })).records).toHaveLength(5);
    const conflict = h.expected.videoIds.titleConflicts[0]!;
    const found = await listPlanRecords(h.ctx.db, { search: conflict.dashboardTitle.slice(0, 12).toLowerCase() });
    expect(found.records.map((r) => r.videoId)).toContain(conflict.videoId);
    expect((await listPlanRecords(h.ctx.db, { reason: "invalid_json" })).records).toHaveLength(1);
  });
});
