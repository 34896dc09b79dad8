import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { fingerprintDatabase } from "@/lib/backup/fingerprint";
import { makeTempDir } from "@/test/support/temp-dir";
import { archiveSource } from "./archive-source";
import { listArchives } from "./archive-layout";
import { archiveCheck } from "./archive-outcome";
import { readArchiveManifest } from "./manifest";
import { demoSources, sha256 } from "@/test/support/archive/fixtures";

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

function setup() {
  const temp = makeTempDir("cutover-archive-");
  temps.push(temp);
  return { dir: temp.dir, ...demoSources(temp.dir), archiveRoot: path.join(temp.dir, "archive") };
}

function fingerprintOf(file: string) {
  const db = new Database(file, { readonly: true });
  return fingerprintDatabase(db).finally(() => db.close());
}

describe("archiveSource", () => {
  it("archives both demo sources, each into a UTC-time folder with a manifest that proves it", async () => {
    const { nas, dashboard, archiveRoot, expected } = setup();
    const before = { nas: sha256(nas), dashboard: sha256(dashboard) };
    const now = new Date("2026-12-02T03:04:05Z");
    const results = [];
    for (const [label, file] of [
      ["nas", nas],
      ["dashboard", dashboard],
    ] as const) {
      results.push(await archiveSource({ label, localFile: file, archiveRoot, now: () => now }));
    }
    expect(results.map((result) => [result.archiveId, result.outcome])).toEqual([
      ["2026-12-02T03-04-05Z", "archived"],
      ["2026-12-02T03-04-05Z-2", "archived"],
    ]);
    expect(readdirSync(archiveRoot).sort()).toEqual(["2026-12-02T03-04-05Z", "2026-12-02T03-04-05Z-2"]);
    for (const result of results) {
      const file = result.label === "nas" ? nas : dashboard;
      const { manifest } = result;
      expect(readdirSync(result.archiveDir).sort()).toEqual([`${result.label}.db.gz`, "manifest.json"].sort());
      expect(readArchiveManifest(result.archiveDir)).toEqual(manifest);
      expect(manifest.source).toEqual({ kind: "local", path: file });
      expect(manifest.original.sha256).toBe(sha256(file));
      expect(manifest.original.sizeBytes).toBe(statSync(file).size);
      const archivePath = path.join(result.archiveDir, manifest.archive.file);
      expect(manifest.archive.sha256).toBe(sha256(archivePath));
      expect(manifest.archive.sizeBytes).toBe(statSync(archivePath).size);
      expect(manifest.archive.sizeBytes).toBeLessThan(manifest.original.sizeBytes / 3);
      const fingerprint = await fingerprintOf(file);
      expect(manifest.original.fingerprint).toBe(fingerprint.fingerprint);
      expect(manifest.original.tables).toEqual(fingerprint.tables);
      const rows = Object.fromEntries(manifest.original.tables.map((table) => [table.name, table.rowCount]));
      expect(rows.content).toBe(expected[result.label].contentRows);
      expect(rows.summary_variants).toBe(expected[result.label].summaryVariants);
      expect(manifest.compression).toMatchObject({ format: "gzip", library: "node:zlib", level: 6 });
      expect(manifest.compression.libraryVersion).toBe(process.versions.zlib);
      expect(manifest.createdAt).toBe(now.toISOString());
      expect(manifest.restoreTest).toMatchObject({
        ok: true,
        archiveSha256: manifest.archive.sha256,
        restoredSha256: manifest.original.sha256,
        integrity: "ok",
        fingerprint: manifest.original.fingerprint,
        matchesOriginal: true,
        matchesExpected: null,
      });
      // Independent of our code: stock gunzip restores the same bytes.
      const restored = execFileSync("gunzip", ["-c", archivePath], { maxBuffer: 1 << 30 });
      expect(restored.equals(readFileSync(file))).toBe(true);
      expect(archiveCheck(result)).toMatchObject({
        name: `${result.label === "nas" ? "NAS" : "Dashboard"} archive`,
        ok: true,
        evidence: { archiveSha256: manifest.archive.sha256, restoreTestOk: true },
      });
      expect(archiveCheck(result).detail).toMatch(
        /^[\d.]+ KB → [\d.]+ KB gzip; restored, integrity ok, fingerprint matches$/,
      );
      expect(result.ownerMustRemove).toBeNull();
    }
    expect({ nas: sha256(nas), dashboard: sha256(dashboard) }).toEqual(before);
  });

  it("records a match with the last known fingerprint when one is given", async () => {
    const { nas, archiveRoot } = setup();
    const expected = await fingerprintOf(nas);
    const result = await archiveSource({ label: "nas", localFile: nas, archiveRoot, expectedFingerprint: expected });
    expect(result.manifest.expectedFingerprint).toBe(expected.fingerprint);
    expect(result.restoreTest.matchesExpected).toBe(true);
  });

  it("returns the existing archive when the same file is archived again, and makes no second folder", async () => {
    const { nas, archiveRoot } = setup();
    const first = await archiveSource({ label: "nas", localFile: nas, archiveRoot });
    const second = await archiveSource({ label: "nas", localFile: nas, archiveRoot });
    expect(second.outcome).toBe("already-archived");
    expect(second.manifest).toEqual(first.manifest);
    expect(second.archiveDir).toBe(first.archiveDir);
    expect(listArchives(archiveRoot)).toHaveLength(1);
  });

  it("archives a remote source from its download and says what the owner must remove on the host", async () => {
    const { dir, dashboard, archiveRoot } = setup();
    const downloaded = path.join(dir, "download", "dashboard.db");
    mkdirSync(path.dirname(downloaded));
    copyFileSync(dashboard, downloaded);
    const url = "https://owner:pw@dash.example.com/api/download-database?token=secret";
    const result = await archiveSource({ label: "dashboard", localFile: downloaded, archiveRoot, remote: { url } });
    expect(result.manifest.source).toEqual({ kind: "remote", url: "https://dash.example.com/api/download-database" });
    expect(JSON.stringify(result.manifest)).not.toContain("secret");
    expect(JSON.stringify(result.manifest)).not.toContain("pw@");
    expect(result.ownerMustRemove?.url).toBe("https://dash.example.com/api/download-database");
    expect(result.ownerMustRemove?.detail).toContain(
      "remove the SQLite file served at https://dash.example.com/api/download-database there yourself",
    );
    expect(result.restoreTest.ok).toBe(true);
  });

  it("archives a WAL-mode source whose -wal is checkpointed, and the restore test leaves no stray files", async () => {
    const { dir, archiveRoot } = setup();
    const file = path.join(dir, "wal.db");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.exec(
      "CREATE TABLE content (id TEXT PRIMARY KEY, title TEXT); INSERT INTO content VALUES ('yt:a', 'A'), ('yt:b', 'B')",
    );
    db.close();
    const result = await archiveSource({ label: "nas", localFile: file, archiveRoot });
    expect(result.restoreTest).toMatchObject({ ok: true, integrity: "ok", matchesOriginal: true });
    expect(readdirSync(result.archiveDir).sort()).toEqual(["manifest.json", "nas.db.gz"].sort());
  });

  it("refuses a WAL-mode source whose -wal still holds commits the main file lacks, naming the table", async () => {
    const { dir, archiveRoot } = setup();
    const file = path.join(dir, "pending.db");
    const writer = new Database(file);
    try {
      writer.pragma("journal_mode = WAL");
      writer.exec("CREATE TABLE content (id TEXT PRIMARY KEY, title TEXT)");
      writer.pragma("wal_checkpoint(TRUNCATE)");
      writer.pragma("wal_autocheckpoint = 0");
      writer.exec("INSERT INTO content VALUES ('yt:new', 'only in the WAL')");
      const before = sha256(file);
      await expect(archiveSource({ label: "nas", localFile: file, archiveRoot })).rejects.toThrow(
        /^NAS database keeps changes in its -wal file that are not in the main file yet \(.*content rows changed \(1 → 0 rows\).*nothing was archived$/,
      );
      expect(sha256(file)).toBe(before);
      expect(readdirSync(archiveRoot)).toEqual([]);
    } finally {
      writer.close();
    }
  });

  it("gives the progress of each phase with numbers", async () => {
    const { nas, archiveRoot } = setup();
    const phases = new Set<string>();
    await archiveSource({
      label: "nas",
      localFile: nas,
      archiveRoot,
      onProgress: (p) => phases.add(`${p.phase} ${p.unit}`),
    });
    expect([...phases]).toEqual([
      "fingerprint nas rows",
      "compress nas bytes",
      "restore test nas bytes",
      "restore fingerprint nas rows",
      "finalize nas steps",
    ]);
  });
});
