import { rmSync, utimesSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { OwnerFacingError } from "@/lib/workflow/types";
import { assertSourcesUnchangedSinceBackup, checkFreeze } from "./freeze";
import { backedUpPair } from "@/test/support/backed-up-pair";

describe("freeze proof", () => {
  const temps: Array<{ cleanup(): void }> = [];
  afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

  async function backedUp() {
    const pair = await backedUpPair(60);
    temps.push(pair);
    return pair;
  }

  it("fails when the NAS wrote after the snapshot, naming the table and how many rows changed", async () => {
    const { sources, manifest } = await backedUp();
    const nas = new Database(sources.nas);
    nas.exec(`
      UPDATE content SET title = 'retitled' WHERE id IN ('yt:vid00000001', 'yt:vid00000002');
      DELETE FROM content WHERE id = 'yt:vid00000003';
      INSERT INTO content (id, title) VALUES ('yt:zzzzzzzzzzz', 'new video');`);
    nas.close();

    const result = await checkFreeze({ sources, manifest });
    expect(result.ok).toBe(false);
    const changed = result.sources.find((source) => source.role === "nas")!;
    expect(changed.changes).toEqual([
      {
        table: "content",
        kind: "rows",
        added: 1,
        removed: 1,
        changed: 2,
        detail: "4 rows changed (1 added, 1 removed, 2 changed)",
      },
    ]);
    expect(result.sources.find((source) => source.role === "dashboard")!.ok).toBe(true);
    const refusal = await assertSourcesUnchangedSinceBackup({ sources, manifest }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OwnerFacingError);
    expect(refusal).toMatchObject({
      code: "source_changed",
      message: "source changed since backup: NAS content 4 rows changed (1 added, 1 removed, 2 changed)",
    });
  });

  it("passes when only the layout or mtime changed (VACUUM, touch): the proof is logical", async () => {
    const { sources, manifest } = await backedUp();
    const db = new Database(sources.dashboard);
    db.exec("VACUUM");
    db.close();
    utimesSync(sources.nas, new Date(), new Date(Date.now() + 60_000));
    const result = await checkFreeze({ sources, manifest });
    expect(result).toMatchObject({ ok: true, detail: "sources unchanged since the backup" });
    await expect(assertSourcesUnchangedSinceBackup({ sources, manifest })).resolves.toMatchObject({ ok: true });
  });

  it("names added and removed tables, and still reports counts when the snapshot file is gone", async () => {
    const { sources, manifest } = await backedUp();
    const db = new Database(sources.dashboard);
    db.exec(
      "DROP TABLE content_summaries; CREATE TABLE extra (a); INSERT INTO extra VALUES (1); DELETE FROM summary_variants WHERE id <= 3",
    );
    db.close();
    rmSync(path.join(manifest.backupDir, "dashboard.db"));
    const result = await checkFreeze({ sources, manifest });
    expect(result.detail).toBe(
      "Dashboard changed since the backup: content_summaries table removed (0 rows), extra table added (1 rows), summary_variants rows changed (60 → 57 rows; snapshot missing, no row detail)",
    );
  });

  it("refuses with the backup's own words when a source is gone or locked", async () => {
    const { sources, manifest } = await backedUp();
    const holder = new Database(sources.dashboard);
    holder.exec("BEGIN EXCLUSIVE");
    try {
      await expect(checkFreeze({ sources, manifest, busyTimeoutMs: 50 })).rejects.toThrow(
        `Dashboard database is locked by another process; stop it and retry: ${sources.dashboard}`,
      );
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    rmSync(sources.nas);
    await expect(assertSourcesUnchangedSinceBackup({ sources, manifest })).rejects.toThrow(
      `NAS database not found: ${sources.nas}`,
    );
  });
});
