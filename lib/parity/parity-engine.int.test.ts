import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { copiedDemo } from "@/test/support/parity-harness";
import type { Harness } from "@/test/support/copy-harness";
import { runParity } from "./run-parity";
import { toLiveSource } from "@/lib/sources/live-source";
import { OwnerFacingError } from "@/lib/workflow/types";
import { simulateDashboardDelete, simulateProcessVideo, simulateResummary } from "@/lib/demo/nas-simulator";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

async function copied() {
  const h = await copiedDemo();
  harnesses.push(h);
  return h;
}

const video = (videoId: string, title = `Simulated ${videoId}`) => ({
  videoId,
  title,
  channel: "Demo Channel",
  summary: `What ${videoId} is about.\n\nA second paragraph.`,
});

/** A video the copy copied from both files, for edits. */
async function copiedVideoInBoth(h: Harness): Promise<string> {
  const nas = new Database(h.sources.nas, { readonly: true });
  const dash = new Database(h.sources.dashboard, { readonly: true });
  try {
    const nasIds = new Set(
      nas.prepare("SELECT video_id FROM content WHERE video_id IS NOT NULL").pluck().all() as string[],
    );
    const rows = await h.query<{ video_id: string }>("SELECT video_id FROM content ORDER BY video_id");
    const dashIds = new Set(dash.prepare("SELECT video_id FROM content").pluck().all() as string[]);
    return rows.map((r) => r.video_id).find((id) => nasIds.has(id) && dashIds.has(id))!;
  } finally {
    nas.close();
    dash.close();
  }
}

describe("a parity run on the demo pair after the copy", () => {
  it("is clean right after the copy, writes parity_log, and a second run reuses every video's outcome", async () => {
    const h = await copied();
    const first = await h.parity();
    expect(first.differences).toEqual([]);
    expect(first.clean).toBe(true);
    expect(first.checked).toBeGreaterThan(0);
    const log = await h.query(
      "SELECT run_id, checked, missing_in_target, missing_in_source, mismatched FROM parity_log",
    );
    expect(log).toEqual([
      { run_id: first.parityLogId, checked: first.checked, missing_in_target: 0, missing_in_source: 0, mismatched: 0 },
    ]);
    const second = await h.parity();
    expect(second.clean).toBe(true);
    expect(second.merged).toBe(0);
    expect(second.reused).toBe(first.merged);
  });

  it("names each drift kind: video, kind and field", async () => {
    const h = await copied();
    const since = new Date(Date.now() - 1000).toISOString();
    const edited = await copiedVideoInBoth(h);
    await h.query("UPDATE content SET title = '(untitled)' WHERE video_id = $1", [edited]);
    await simulateProcessVideo({
      nasFile: h.sources.nas,
      databaseUrl: h.databaseUrl,
      dualWrite: true,
      video: video("newInBoth01"),
    });
    await simulateProcessVideo({
      nasFile: h.sources.nas,
      databaseUrl: h.databaseUrl,
      dualWrite: true,
      video: video("sqliteOnly1"),
      fail: "sqlite_only",
    });
    await simulateProcessVideo({
      nasFile: h.sources.nas,
      databaseUrl: h.databaseUrl,
      dualWrite: true,
      video: video("targetOnly1"),
      fail: "target_only",
    });
    await simulateProcessVideo({
      nasFile: h.sources.nas,
      databaseUrl: h.databaseUrl,
      dualWrite: true,
      video: video("resummary01"),
    });
    const resummary = await simulateResummary({
      nasFile: h.sources.nas,
      databaseUrl: h.databaseUrl,
      videoId: "resummary01",
      text: "A better summary.",
      swallow: true,
    });
    expect(resummary).toEqual({ revision: 2, reachedTarget: false });
    const result = await h.parity({ since });
    const named = result.differences.map((d) => [d.videoId, d.kind, d.field]);
    expect(named).toEqual(
      expect.arrayContaining([
        [edited, "field_drift", "title"],
        ["sqliteOnly1", "missing_in_target", null],
        ["targetOnly1", "missing_in_source", null],
        ["resummary01", "summary_drift", "comprehensive"],
      ]),
    );
    expect(named).toHaveLength(4);
    expect(result.seenInBoth).toEqual(["newInBoth01"]);
    const drift = result.differences.find((d) => d.kind === "summary_drift")!;
    expect(drift.sourceValue).toBe("A better summary.");
    expect(drift.targetValue).toContain("What resummary01 is about.");
    expect(result.clean).toBe(false);
  });

  it("names a delete on the Dashboard only, and a categorization edited in PostgreSQL", async () => {
    const h = await copied();
    const deleted = await copiedVideoInBoth(h);
    expect(simulateDashboardDelete(h.sources.dashboard, deleted)).toBe(true);
    const [categorized] = await h.query<{ video_id: string }>(
      "SELECT video_id FROM content WHERE subcategories_json IS NOT NULL AND video_id <> $1 ORDER BY video_id LIMIT 1",
      [deleted],
    );
    await h.query(
      `UPDATE content SET subcategories_json = '{"categories":[{"category":"Other","subcategories":["Edited"]}]}' WHERE video_id = $1`,
      [categorized!.video_id],
    );
    const result = await h.parity();
    expect(result.differences.map((d) => [d.videoId, d.kind, d.field])).toEqual(
      expect.arrayContaining([
        [deleted, "delete_drift", null],
        [categorized!.video_id, "categorization_drift", "categories"],
      ]),
    );
  });
});

describe("a parity run's progress, cancel, resume and bad input", () => {
  const live = (h: Harness, nas = h.sources.nas) => ({
    nas: toLiveSource("nas", nas),
    dashboard: toLiveSource("dashboard", h.sources.dashboard),
  });

  it("stops between batches when cancelled and resumes from its first unfinished batch", async () => {
    const h = await copied();
    const abort = new AbortController();
    const options = {
      db: h.ctx.db,
      controlDbFile: h.ctx.paths.controlDb,
      databaseUrl: h.databaseUrl,
      live: live(h),
      dualWriteSince: null,
      batchSize: 20,
    };
    const seen: number[] = [];
    await expect(
      runParity({
        ...options,
        signal: abort.signal,
        onProgress: (p) => {
          seen.push(p.done);
          if (p.done >= 40) abort.abort();
        },
      }),
    ).rejects.toThrow(/^parity cancelled after 40 of \d+ records; run parity again \(npx cutover parity\) to resume$/);
    const stopped = await h.ctx.db.parityRun.findFirstOrThrow();
    expect(stopped).toMatchObject({ status: "cancelled", batchesDone: 2 });
    const resumed = await runParity(options);
    expect(resumed.runId).toBe(stopped.id);
    expect(resumed.resumedFrom).toBe(2);
    expect(resumed.clean).toBe(true);
    expect(resumed.checked).toBe(await h.ctx.db.parityRun.findFirstOrThrow().then((r) => r.checked));
    expect(await h.query("SELECT count(*)::int AS n FROM parity_log")).toEqual([{ n: 1 }]);
  });

  it("refuses a missing source in one line, records nothing, and leaves the other source's bytes as they were", async () => {
    const h = await copied();
    const before = sha256(h.sources.dashboard);
    const error = await runParity({
      db: h.ctx.db,
      controlDbFile: h.ctx.paths.controlDb,
      databaseUrl: h.databaseUrl,
      live: live(h, `${h.dir}/no-such-nas.db`),
      dualWriteSince: null,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(OwnerFacingError);
    expect((error as Error).message).not.toContain("\n");
    expect((error as Error).message).toContain("no-such-nas.db");
    expect(await h.ctx.db.parityRun.count()).toBe(0);
    expect(await h.query("SELECT count(*)::int AS n FROM parity_log")).toEqual([{ n: 0 }]);
    expect(sha256(h.sources.dashboard)).toBe(before);
  });

  it("refuses an unreachable target in one line, before reading either source", async () => {
    const h = await copied();
    const before = [sha256(h.sources.nas), sha256(h.sources.dashboard)];
    const error = await runParity({
      db: h.ctx.db,
      controlDbFile: h.ctx.paths.controlDb,
      databaseUrl: "postgres://cutover@127.0.0.1:1/ytv2",
      live: live(h),
      dualWriteSince: null,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain("\n");
    expect((error as Error).message).toMatch(/127\.0\.0\.1:1/);
    expect(await h.ctx.db.parityRun.count()).toBe(0);
    expect([sha256(h.sources.nas), sha256(h.sources.dashboard)]).toEqual(before);
  });
});

function sha256(file: string) {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}
