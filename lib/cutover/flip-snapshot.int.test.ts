import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertSummary, upsertContent } from "@/lib/contract/nas-writes";
import { withTargetClient } from "@/lib/target/connect";
import { applySchema } from "@/lib/target/schema/apply";
import { makeTestContext } from "@/test/support/app-context";
import { createLegacyDb, sha256File, videoId } from "@/test/support/legacy-fixtures";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";
import { loadFlipSnapshot, readVideoStates, rollbackDelta, storeFlipSnapshot } from "./flip-snapshot";

/**
 * Rollback's delta on a real target and a real Dashboard file: the snapshot at the flip, then
 * what the Dashboard and NAS do while PostgreSQL is read — a delete, a new video written only
 * to PostgreSQL, a new video dual-written, a re-summary — and what reading SQLite again would do.
 */
let target: TestDatabase;
let ctx: ReturnType<typeof makeTestContext>;
let dashboardFile: string;

beforeAll(async () => {
  target = await createTestDatabase("flip");
  ctx = makeTestContext();
  dashboardFile = path.join(ctx.paths.dataDir, "dashboard.db");
  createLegacyDb(dashboardFile, { rows: 6, categorized: 2 });
  await withTargetClient(target.url, async (client) => {
    await applySchema(client);
    for (let n = 0; n < 6; n++) {
      await upsertContent(client, { video_id: videoId(n), title: `Video ${n}` });
      await insertSummary(client, {
        video_id: videoId(n),
        variant: "comprehensive",
        text: `t${n}`,
        html: `<p>t${n}</p>`,
      });
    }
  });
});
afterAll(async () => {
  await ctx?.cleanup();
  await target?.drop();
});

describe("the flip snapshot and rollback's delta", () => {
  it("names what reading SQLite again would bring back, lose or show older, and nothing else", async () => {
    const atFlip = await withTargetClient(target.url, readVideoStates);
    expect(Object.keys(atFlip)).toHaveLength(6);
    const stored = await storeFlipSnapshot(ctx.db, 7, atFlip);
    expect(stored).toMatchObject({ flipId: 7, videos: 6, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await loadFlipSnapshot(ctx.db, 7)).toEqual(atFlip);

    // the Dashboard file gets the dual-written video too; the rest happens in PostgreSQL only
    const file = new Database(dashboardFile);
    file
      .prepare("INSERT INTO content (id, title, video_id, indexed_at) VALUES (?, ?, ?, ?)")
      .run(`yt:${videoId(7)}`, "Dual-written", videoId(7), "2026-12-02T06:00:00Z");
    file.close();
    await withTargetClient(target.url, async (client) => {
      await client.query("DELETE FROM content WHERE video_id = $1", [videoId(1)]);
      await upsertContent(client, { video_id: videoId(6), title: "Only in PostgreSQL" });
      await upsertContent(client, { video_id: videoId(7), title: "Dual-written" });
      await insertSummary(client, {
        video_id: videoId(2),
        variant: "comprehensive",
        text: "again",
        html: "<p>again</p>",
      });
    });

    const before = sha256File(dashboardFile);
    const dashboard = new Database(dashboardFile, { readonly: true });
    const delta = await withTargetClient(target.url, (client) => rollbackDelta(client, atFlip, dashboard));
    dashboard.close();
    expect(delta).toEqual({
      wouldComeBack: [{ videoId: videoId(1), title: expect.any(String) }],
      wouldVanish: [{ videoId: videoId(6), title: "Only in PostgreSQL" }],
      changedSinceFlip: [{ videoId: videoId(2), title: "Video 2" }],
      alreadyInSqlite: 1,
    });
    expect(sha256File(dashboardFile)).toBe(before);
  });

  it("refuses a stored snapshot that no longer matches its digest", async () => {
    await storeFlipSnapshot(ctx.db, 8, { [videoId(0)]: "a|b" });
    await ctx.db.flipSnapshot.update({ where: { flipId: 8 }, data: { states: JSON.stringify({ [videoId(0)]: "x" }) } });
    await expect(loadFlipSnapshot(ctx.db, 8)).rejects.toThrow("flip snapshot 8 does not match its digest");
    expect(await loadFlipSnapshot(ctx.db, 9)).toBeNull();
  });
});
