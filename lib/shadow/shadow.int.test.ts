import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { readFileSync, renameSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { approveThroughSchema } from "@/test/support/steps";
import { approvedDemo, EXPECTED_COUNTS } from "@/test/support/shadow-demo";
import { copyRunInput } from "@/lib/steps/copy-step";
import { runStepAction } from "@/lib/workflow/workflow";
import { acknowledgeShadow, runShadowStep, shadowVerdict } from "./shadow-step";
import { loadShadowView } from "./shadow-view";

const ACTOR = "owner (test)";
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("shadow read on the demo pair after a real copy", () => {
  it("classifies every difference exactly, stays open until each kind is acknowledged, and holds on an unchanged rerun", async () => {
    const { h, unlisted, shadow } = await approvedDemo(harnesses);
    expect(await shadowVerdict(h.ctx)).toMatchObject({ ok: false, runId: null, openKinds: [] });
    const state = await shadow();
    const counts = Object.fromEntries(state.kinds.map((k) => [k.kind, k.count]));
    expect(counts).toEqual(EXPECTED_COUNTS);
    expect(state.total).toBe(60);
    const findings = await h.ctx.db.shadowFinding.findMany({
      where: { runId: state.run.id },
      orderBy: { position: "asc" },
    });
    const of = (kind: string, view?: string) => findings.filter((f) => f.kind === kind && (!view || f.view === view));

    // the video left without a summary: listed by the SQLite era, not by the PostgreSQL era
    expect(of("not_listed", "list sort=added_desc").map((f) => f.videoId)).toEqual([unlisted]);
    // the NAS's new videos: listed by the PostgreSQL era only
    expect(
      of("newly_listed", "list sort=added_desc")
        .map((f) => f.videoId)
        .sort(),
    ).toEqual([...h.expected.videoIds.nasNew].sort());

    // text-sorted timestamps: the SQLite era put "2026-01-15 01:00:00" above "2026-01-14T23:30:00.500-03:00" (02:30 UTC)
    const dashboard = new Database(h.sources.dashboard, { readonly: true });
    const [first, second] = dashboard
      .prepare("SELECT video_id, indexed_at FROM content ORDER BY indexed_at DESC LIMIT 2")
      .all() as { video_id: string; indexed_at: string }[];
    dashboard.close();
    expect([first!.indexed_at, second!.indexed_at]).toEqual(["2026-01-15 01:00:00", "2026-01-14T23:30:00.500-03:00"]);
    const added = of("ordering", "list sort=added_desc");
    expect(added).toHaveLength(1);
    expect(JSON.parse(added[0]!.sqliteValue).slice(0, 2)).toEqual([first!.video_id, second!.video_id]);
    expect(JSON.parse(added[0]!.postgresValue).slice(0, 2)).toEqual([second!.video_id, first!.video_id]);
    expect(of("ordering").map((f) => f.view)).not.toContain("list sort=channel_az"); // ties only: not a difference

    // a title conflict the NAS won shows the NAS's title on the PostgreSQL era's card
    const nasWon = h.expected.videoIds.titleConflicts.filter((c) => c.newer === "nas");
    expect(nasWon).toHaveLength(2);
    for (const conflict of nasWon) {
      const title = of("field").find((f) => f.videoId === conflict.videoId && f.field === "title");
      expect(title && [JSON.parse(title.sqliteValue), JSON.parse(title.postgresValue)]).toEqual([
        conflict.dashboardTitle,
        conflict.nasTitle,
      ]);
    }

    const verdict = await shadowVerdict(h.ctx);
    expect(verdict.ok).toBe(false);
    const view = await loadShadowView(h.ctx, 2);
    expect([view.locked, view.state!.total, view.state!.kinds.map((k) => k.examples.length)]).toEqual([
      false,
      60,
      [2, 2, 2, 2, 2],
    ]);
    expect(verdict.openKinds).toEqual(Object.entries(EXPECTED_COUNTS).map(([kind, open]) => ({ kind, open })));
    expect(verdict.detail).toMatch(/60 of 60 findings open/);

    await expect(acknowledgeShadow(h.ctx, { target: "field", note: "  ", actor: ACTOR })).rejects.toThrow(
      /needs a note/,
    );
    await expect(acknowledgeShadow(h.ctx, { target: "detail", note: "n", actor: ACTOR })).rejects.toThrow(
      /has no open finding of kind detail/,
    );
    await expect(acknowledgeShadow(h.ctx, { target: "fields", note: "n", actor: ACTOR })).rejects.toThrow(
      /neither a finding kind/,
    );
    for (const [kind, open] of Object.entries(EXPECTED_COUNTS)) {
      const { acknowledged } = await acknowledgeShadow(h.ctx, {
        target: kind,
        note: `${kind} understood`,
        actor: ACTOR,
      });
      expect(acknowledged).toBe(open);
    }
    expect(await shadowVerdict(h.ctx)).toMatchObject({
      ok: true,
      openKinds: [],
      detail: expect.stringMatching(/all 60 findings acknowledged/),
    });
    const audited = await h.ctx.db.auditEntry.findMany({ where: { step: "parity", action: "shadow acknowledge" } });
    expect(audited.map((a) => a.outcome).sort()).toEqual([...Array(5).fill("ok"), ...Array(3).fill("refused")].sort());

    // the same differences next time: the acknowledgements hold (fingerprints name what differs, not when)
    const again = await shadow();
    expect(again.run.id).toBeGreaterThan(state.run.id);
    expect(again.total).toBe(60);
    expect(await shadowVerdict(h.ctx)).toMatchObject({ ok: true, runId: again.run.id });
  });

  it("names a deliberately edited target card field and reopens its kind; bad input stores nothing and reads only", async () => {
    const { h, shadow } = await approvedDemo(harnesses);
    const before = sha256(h.sources.dashboard);
    const moved = `${h.sources.dashboard}.away`;
    renameSync(h.sources.dashboard, moved);
    await expect(shadow()).rejects.toThrow(/^Dashboard database .*dashboard\.db/);
    renameSync(moved, h.sources.dashboard);
    await expect(
      runShadowStep(h.ctx, { databaseUrl: "postgres://u:p@127.0.0.1:9/none", actor: ACTOR }),
    ).rejects.toThrow(/^The target PostgreSQL at 127\.0\.0\.1:9\/none/);
    expect(await h.ctx.db.shadowRun.count()).toBe(0);
    expect(await h.ctx.db.shadowFinding.count()).toBe(0);
    expect(sha256(h.sources.dashboard)).toBe(before);

    await shadow();
    for (const kind of Object.keys(EXPECTED_COUNTS))
      await acknowledgeShadow(h.ctx, { target: kind, note: "ok", actor: ACTOR });
    const video = h.expected.videoIds.dashboardOnly[1]!;
    const [{ thumbnail_url: was }] = await h.query<{ thumbnail_url: string | null }>(
      "SELECT thumbnail_url FROM content WHERE video_id = $1",
      [video],
    );
    await h.query("UPDATE content SET thumbnail_url = $2 WHERE video_id = $1", [
      video,
      "https://example.invalid/edited.jpg",
    ]);

    const state = await shadow();
    const field = state.kinds.find((k) => k.kind === "field")!;
    expect([field.count, field.open]).toEqual([EXPECTED_COUNTS.field + 1, 1]);
    expect(field.examples[0]).toMatchObject({
      videoId: video,
      field: "thumbnail_url",
      sqlite: was,
      postgres: "https://example.invalid/edited.jpg",
      acknowledged: null,
    });
    expect(field.examples.slice(1).every((f) => f.acknowledged?.note === "ok")).toBe(true);
    expect(await shadowVerdict(h.ctx)).toMatchObject({ ok: false, openKinds: [{ kind: "field", open: 1 }] });
    expect(sha256(h.sources.dashboard)).toBe(before);

    // acknowledged, then a copy changes the target again: the read no longer speaks for it
    await acknowledgeShadow(h.ctx, { target: "field", note: "edited on purpose", actor: ACTOR });
    expect((await shadowVerdict(h.ctx)).ok).toBe(true);
    await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR));
    expect(await shadowVerdict(h.ctx)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^Shadow read #\d+ is older than the last copy \(run #\d+, .*\): run it again\.$/),
    });
  });

  it("refuses to run or acknowledge until step 3 is approved, audited, storing nothing", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    await approveThroughSchema(h, ACTOR);
    await expect(runShadowStep(h.ctx, { databaseUrl: h.databaseUrl, actor: ACTOR })).rejects.toThrow(
      /^Refused: step "Parity" is locked until step 3 "Copy & diff" is approved\.$/,
    );
    await expect(acknowledgeShadow(h.ctx, { target: "ordering", note: "n", actor: ACTOR })).rejects.toThrow(
      /is locked until step 3/,
    );
    expect(await h.ctx.db.shadowRun.count()).toBe(0);
    expect(await h.ctx.db.auditEntry.count({ where: { step: "parity", outcome: "refused" } })).toBe(2);
  });
});
