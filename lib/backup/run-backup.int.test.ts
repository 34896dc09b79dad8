import { existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/support/temp-dir";
import type { Progress } from "@/lib/workflow/types";
import { checkFreeze } from "./freeze";
import { listBackups, readManifest } from "./manifest";
import { CHECK_NAMES } from "./backup-outcome";
import { runBackup } from "./run-backup";
import { createLegacyDb, sha256File } from "@/test/support/legacy-fixtures";

describe("runBackup", () => {
  const temps: Array<{ cleanup(): void }> = [];
  afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

  function setup() {
    const temp = makeTempDir();
    temps.push(temp);
    const nas = path.join(temp.dir, "nas.db");
    const dashboard = path.join(temp.dir, "dashboard.db");
    createLegacyDb(nas, { rows: 40, categorized: 3, older: true, journalMode: "wal" });
    createLegacyDb(dashboard, { rows: 50, categorized: 7, firstVideo: 20 });
    return { sources: { nas, dashboard }, backupsDir: path.join(temp.dir, "backups") };
  }

  it("snapshots both sources, verifies them and writes a manifest with the evidence", async () => {
    const { sources, backupsDir } = setup();
    const hashes = [sha256File(sources.nas), sha256File(sources.dashboard)];
    const progress: Progress[] = [];
    const result = await runBackup({
      sources,
      backupsDir,
      expectedCategorized: 7,
      now: new Date("2026-11-25T00:31:02Z"),
      onProgress: (p) => progress.push(p),
    });

    expect(result.backupDir).toBe(path.join(backupsDir, "2026-11-25T00-31-02Z"));
    expect(readdirSync(result.backupDir).sort()).toEqual(["dashboard.db", "manifest.json", "nas.db"]);
    expect(result.outcome.checks.every((check) => check.ok)).toBe(true);
    expect(result.outcome.checks.map((check) => check.name)).toContain(CHECK_NAMES.categorized);
    const manifest = readManifest(result.backupDir);
    expect(manifest).toEqual(result.manifest);
    const nas = manifest.sources.find((source) => source.role === "nas")!;
    expect(nas.sha256).toBe(sha256File(path.join(result.backupDir, "nas.db")));
    expect(nas.integrity).toBe("ok");
    expect(nas.categorized).toBe(0); // the older NAS schema has no categorization columns
    expect(nas.tables.find((table) => table.name === "content")?.rowCount).toBe(40);
    expect(manifest.sources.find((source) => source.role === "dashboard")!.categorized).toBe(7);
    expect(manifest.categorizedUnion).toBe(7);
    expect(result.outcome.evidence).toMatchObject({ backupId: "2026-11-25T00-31-02Z", categorizedUnion: 7 });
    // The NAS file is in WAL mode with nobody using it: read through a fresh copy, never in place.
    expect(new Set(progress.map((p) => p.phase))).toEqual(
      new Set(
        ["nas", "dashboard"].flatMap((r) => [
          r === "nas" ? "copy nas" : `snapshot ${r}`,
          `integrity ${r}`,
          `fingerprint ${r}`,
          `categorization ${r}`,
          `sha256 ${r}`,
          `restore test ${r} copy`,
          `restore test ${r}`,
          `freeze check ${r}`,
        ]),
      ),
    );
    expect([sha256File(sources.nas), sha256File(sources.dashboard)]).toEqual(hashes);
    expect(listBackups(backupsDir).map((entry) => entry.status)).toEqual(["verified"]);
  });

  it("counts the union of categorized videos across both sources", async () => {
    const { sources, backupsDir } = setup();
    createLegacyDb(sources.nas + "2", { rows: 30, categorized: 25 }); // videos 0..24; the Dashboard has 20..26
    const result = await runBackup({
      sources: { ...sources, nas: sources.nas + "2" },
      backupsDir,
      expectedCategorized: 7,
    });
    expect(result.manifest.sources.map((s) => [s.role, s.categorized])).toEqual([
      ["nas", 25],
      ["dashboard", 7],
    ]);
    expect(result.manifest.categorizedUnion).toBe(27);
  });

  it("marks a categorization count different from the expected one as a failing, waivable check", async () => {
    const { sources, backupsDir } = setup();
    const result = await runBackup({ sources, backupsDir, expectedCategorized: 67 });
    const check = result.outcome.checks.find((c) => c.name === CHECK_NAMES.categorized)!;
    expect(check).toMatchObject({ ok: false, waivable: true });
    expect(check.detail).toBe("Dashboard 7 categorized (expected 67); NAS 0; union 7");
    expect(result.outcome.checks.filter((c) => !c.ok)).toEqual([check]);
  });

  it("fails fingerprint stability, naming the table, when the source changes during the backup", async () => {
    const { sources, backupsDir } = setup();
    let wrote = false;
    const writer = new Database(sources.dashboard);
    const result = await runBackup({
      sources,
      backupsDir,
      expectedCategorized: 7,
      onProgress: (p) => {
        if (!wrote && p.phase === "restore test dashboard") {
          wrote = true;
          writer.prepare("DELETE FROM summary_variants WHERE id IN (1, 2)").run();
        }
      },
    });
    writer.close();
    const check = result.outcome.checks.find((c) => c.name === CHECK_NAMES.stability("dashboard"))!;
    expect(check.ok).toBe(false);
    expect(check.detail).toBe("Dashboard changed since the backup: summary_variants 2 rows changed (2 removed)");
  });

  it("lists backups newest first and keeps a failed one visibly failed", async () => {
    const { sources, backupsDir } = setup();
    await runBackup({ sources, backupsDir, expectedCategorized: 7, now: new Date("2026-11-25T00:00:00Z") });
    await expect(
      runBackup({
        sources,
        backupsDir,
        expectedCategorized: 7,
        now: new Date("2026-11-25T01:00:00Z"),
        io: {
          openRead: (p) => openSync(p, "r"),
          beforeSnapshotStep: () => {
            throw Object.assign(new Error("no space"), { code: "ENOSPC" });
          },
        },
      }),
    ).rejects.toThrow(/Backup disk is full/);
    await runBackup({ sources, backupsDir, expectedCategorized: 7, now: new Date("2026-11-25T00:00:00Z") });
    const listing = listBackups(backupsDir);
    expect(listing.map((entry) => [entry.id, entry.status])).toEqual([
      ["2026-11-25T01-00-00Z", "failed"],
      ["2026-11-25T00-00-00Z-2", "verified"],
      ["2026-11-25T00-00-00Z", "verified"],
    ]);
    expect(existsSync(path.join(backupsDir, "2026-11-25T01-00-00Z", "manifest.json"))).toBe(false);
    expect(readFileSync(path.join(backupsDir, "2026-11-25T01-00-00Z", "FAILED"), "utf8")).toMatch(/disk is full/);
    const freeze = await checkFreeze({ sources, manifest: readManifest(listing[1]!.dir) });
    expect(freeze.ok).toBe(true);
  });
});
