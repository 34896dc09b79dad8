import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { copiedDemo } from "@/test/support/parity-harness";
import { approveThroughCopy } from "@/test/support/steps";
import { simulateDashboardDelete, simulateProcessVideo, simulateResummary } from "@/lib/demo/nas-simulator";
import { toLiveSource } from "@/lib/sources/live-source";
import { loadParityRecordView, type ParityRecordView } from "./record-view";
import { recopyRecord } from "./remedies";
import { runParity } from "./run-parity";

const ACTOR = "owner (test)";
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

const parity = (h: Harness) =>
  runParity({
    db: h.ctx.db,
    controlDbFile: h.ctx.paths.controlDb,
    databaseUrl: h.databaseUrl,
    live: { nas: toLiveSource("nas", h.sources.nas), dashboard: toLiveSource("dashboard", h.sources.dashboard) },
    dualWriteSince: null,
  });

const ids = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return new Set(db.prepare("SELECT video_id FROM content WHERE video_id IS NOT NULL").pluck().all() as string[]);
  } finally {
    db.close();
  }
};

const titleIn = (file: string, videoId: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT title FROM content WHERE video_id = ?").pluck().get(videoId) as string;
  } finally {
    db.close();
  }
};

const row = (view: ParityRecordView, field: string) => {
  const found = view.rows.find((r) => r.field === field);
  if (!found) throw new Error(`no row ${field} in ${view.rows.map((r) => r.field).join(", ")}`);
  return found;
};

describe("a parity difference in the record view: NAS | Dashboard | merged | PostgreSQL", () => {
  it("shows the four columns for a field, a summary, a missing and a delete drift, highlighting the field with its kind", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    await approveThroughCopy(h, ACTOR);
    const nasIds = ids(h.sources.nas);
    const dashboardIds = ids(h.sources.dashboard);
    const copied = (await h.query<{ video_id: string }>("SELECT video_id FROM content ORDER BY video_id")).map(
      (r) => r.video_id,
    );
    const inBoth = copied.find((id) => nasIds.has(id) && dashboardIds.has(id))!;
    const dashboardOnly = copied.find((id) => dashboardIds.has(id) && !nasIds.has(id));
    expect(dashboardOnly, "the demo pair has a Dashboard-only video").toBeDefined();

    // field_drift: PostgreSQL's title changed behind the copy's back
    const [{ title: copiedTitle }] = await h.query<{ title: string }>("SELECT title FROM content WHERE video_id = $1", [
      inBoth,
    ]);
    await h.query("UPDATE content SET title = '(untitled)' WHERE video_id = $1", [inBoth]);
    // missing_in_target: the NAS's write to PostgreSQL failed
    const video = (videoId: string) => ({
      videoId,
      title: `Simulated ${videoId}`,
      channel: "Demo Channel",
      summary: `What ${videoId} is about.`,
    });
    const simulated = { nasFile: h.sources.nas, databaseUrl: h.databaseUrl, dualWrite: true };
    await simulateProcessVideo({ ...simulated, video: video("sqliteOnly1"), fail: "sqlite_only" });
    // summary_drift: a re-summary PostgreSQL's insert swallowed
    await simulateProcessVideo({ ...simulated, video: video("resummary01") });
    await simulateResummary({ ...simulated, videoId: "resummary01", text: "A better summary.", swallow: true });
    // delete_drift: a Dashboard-only video deleted on the Dashboard; PostgreSQL still has it
    const deletedTitle = titleIn(h.sources.dashboard, dashboardOnly!);
    expect(simulateDashboardDelete(h.sources.dashboard, dashboardOnly!)).toBe(true);

    const result = await parity(h);
    expect(result.differences.map((d) => [d.videoId, d.kind, d.field])).toEqual(
      expect.arrayContaining([
        [inBoth, "field_drift", "title"],
        ["sqliteOnly1", "missing_in_target", null],
        ["resummary01", "summary_drift", "comprehensive"],
        [dashboardOnly, "delete_drift", null],
      ]),
    );

    const drift = (await loadParityRecordView(h.ctx, inBoth))!;
    expect(drift.absent).toEqual({});
    expect(row(drift, "title").values).toEqual({
      nas: titleIn(h.sources.nas, inBoth),
      dashboard: titleIn(h.sources.dashboard, inBoth),
      merged: copiedTitle,
      postgres: "(untitled)",
    });
    expect(row(drift, "title")).toMatchObject({ differs: true, flag: { kind: "field_drift", accepted: false } });
    expect(drift.rows.filter((r) => r.flag).map((r) => r.field)).toEqual(["title"]);
    expect(row(drift, "channel_name").differs).toBe(false);
    expect(drift.recorded).toMatchObject([{ kind: "field_drift", field: "title", stillThere: true, accepted: false }]);
    expect(drift.recopy).toEqual({ offered: true });
    expect(drift.accept).toEqual({ offered: true });

    const summary = (await loadParityRecordView(h.ctx, "resummary01"))!;
    expect(summary.absent).toEqual({ dashboard: "not in the Dashboard file" });
    expect(row(summary, "summary:comprehensive")).toMatchObject({
      label: "latest comprehensive summary",
      differs: true,
      flag: { kind: "summary_drift" },
    });
    expect(row(summary, "summary:comprehensive").values).toMatchObject({
      nas: "A better summary.",
      merged: "A better summary.",
      postgres: "What resummary01 is about.",
    });
    expect(row(summary, "title").values).toMatchObject({
      nas: "Simulated resummary01",
      merged: "Simulated resummary01",
      postgres: "Simulated resummary01",
    });

    const missing = (await loadParityRecordView(h.ctx, "sqliteOnly1"))!;
    expect(missing.absent).toEqual({ dashboard: "not in the Dashboard file", postgres: "not in PostgreSQL" });
    expect(row(missing, "title").values).toMatchObject({
      nas: "Simulated sqliteOnly1",
      merged: "Simulated sqliteOnly1",
      postgres: undefined,
    });
    expect(missing.recorded).toMatchObject([{ kind: "missing_in_target", sourceValue: "present", stillThere: true }]);

    const deleted = (await loadParityRecordView(h.ctx, dashboardOnly!))!;
    expect(deleted.absent).toEqual({
      nas: "not in the NAS file",
      dashboard: "not in the Dashboard file",
      merged: "in neither SQLite file",
    });
    expect(row(deleted, "title").values).toEqual({
      nas: undefined,
      dashboard: undefined,
      merged: undefined,
      postgres: deletedTitle,
    });
    expect(deleted.title).toBe(deletedTitle);
    // never in the NAS file: the sentence does not say "deleted in both SQLite files"
    expect(deleted.recorded).toMatchObject([
      {
        kind: "delete_drift",
        sourceValue: "in neither SQLite file now (step 3 copied it)",
        targetValue: "present",
        stillThere: true,
      },
    ]);

    // After a re-copy the field matches again: the recorded difference is no longer found now.
    await recopyRecord(h.ctx, h.databaseUrl, inBoth, ACTOR);
    const remedied = (await loadParityRecordView(h.ctx, inBoth))!;
    expect(row(remedied, "title").values.postgres).toBe(copiedTitle);
    expect(remedied.recorded).toMatchObject([{ kind: "field_drift", stillThere: false }]);
    expect(row(remedied, "title").flag?.words).toContain("not found now");
  }, 240_000);

  it("offers no remedy while step 4 is locked, saying why; an unknown video has no view", async () => {
    const h = await copiedDemo();
    harnesses.push(h);
    const [{ video_id: videoId }] = await h.query<{ video_id: string }>("SELECT video_id FROM content LIMIT 1");
    await h.query("UPDATE content SET channel_name = 'Edited' WHERE video_id = $1", [videoId]);
    await h.parity();
    const view = (await loadParityRecordView(h.ctx, videoId))!;
    expect(row(view, "channel_name").flag?.kind).toBe("field_drift");
    const locked = 'step 4 "Parity" is locked until step 1 "Backup" is approved';
    expect(view.recopy).toEqual({ offered: false, why: locked });
    expect(view.accept).toEqual({ offered: false, why: locked });
    expect(await loadParityRecordView(h.ctx, "noSuchVid01")).toBeNull();
  }, 240_000);
});
