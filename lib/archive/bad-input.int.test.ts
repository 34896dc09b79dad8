import { existsSync, mkdirSync, readdirSync, readFileSync, statfsSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { fingerprintDatabase } from "@/lib/backup/fingerprint";
import { writeSyntheticPair } from "@/test/support/synthetic-pair";
import { OwnerFacingError } from "@/lib/workflow/types";
import { makeTempDir } from "@/test/support/temp-dir";
import { archiveSource, type ArchiveSourceOptions } from "./archive-source";
import { listArchives } from "./archive-layout";
import { compressFile } from "./compression";
import { demoSources, mountTmpfs, runCleanups, sha256 } from "@/test/support/archive/fixtures";

/**
 * Each bad input refuses with one owner-facing line, leaves the source byte-identical and
 * leaves nothing under the archive root that could pass for an archive.
 */
const cleanups: Array<() => void> = [];
afterEach(() => runCleanups(cleanups));

function setup() {
  const temp = makeTempDir("cutover-archive-bad-");
  cleanups.push(() => temp.cleanup());
  return { dir: temp.dir, ...demoSources(temp.dir) };
}

/** A source that compresses poorly (random text), so a few MB of it still fill a small disk. */
function bulkySource(dir: string): string {
  const nasPath = path.join(dir, "bulky", "nas.db");
  mkdirSync(path.dirname(nasPath), { recursive: true });
  writeSyntheticPair({ nasPath, dashboardPath: path.join(dir, "bulky", "dashboard.db"), records: 600 });
  return nasPath;
}

async function expectRefusal(options: ArchiveSourceOptions, message: string | RegExp): Promise<OwnerFacingError> {
  const before = sha256(options.localFile);
  const error = await archiveSource(options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OwnerFacingError);
  const text = (error as Error).message;
  expect(text).not.toContain("\n");
  if (typeof message === "string") expect(text).toBe(message);
  else expect(text).toMatch(message);
  expect(sha256(options.localFile)).toBe(before);
  if (existsSync(options.archiveRoot)) expect(listArchives(options.archiveRoot), (error as Error).message).toEqual([]);
  return error as OwnerFacingError;
}

function mount(dir: string, sizeBytes: number, readOnly = false) {
  const unmount = mountTmpfs(dir, { sizeBytes, readOnly });
  cleanups.push(unmount);
}

describe("archiveSource refuses bad input", () => {
  it("refuses an archive folder on a read-only file system", async () => {
    const { dir, nas } = setup();
    const archiveRoot = path.join(dir, "readonly");
    mount(archiveRoot, 1 << 20, true);
    const error = await expectRefusal(
      { label: "nas", localFile: nas, archiveRoot },
      `Archive folder is not writable: ${archiveRoot} (EROFS); the NAS archive was not written and the original is untouched`,
    );
    expect(error.code).toBe("archive_dir_unwritable");
    expect(readdirSync(archiveRoot)).toEqual([]);
  });

  it("refuses an archive folder that cannot be created because a file is in the way", async () => {
    const { dir, dashboard } = setup();
    writeFileSync(path.join(dir, "blocker"), "a file, not a folder\n");
    const archiveRoot = path.join(dir, "blocker", "archive");
    await expectRefusal(
      { label: "dashboard", localFile: dashboard, archiveRoot },
      `Archive folder is not writable: ${archiveRoot} (ENOTDIR); the Dashboard archive was not written and the original is untouched`,
    );
  });

  it("refuses when the disk fills up mid-compression, and frees what it wrote", async () => {
    const { dir } = setup();
    const source = bulkySource(dir);
    const archiveRoot = path.join(dir, "small-disk");
    mount(archiveRoot, 1 << 20);
    const compressed: number[] = [];
    const error = await expectRefusal(
      {
        label: "nas",
        localFile: source,
        archiveRoot,
        onProgress: (p) => p.phase === "compress nas" && compressed.push(p.done),
      },
      new RegExp(
        `^Archive disk is full: the NAS archive could not be written to ${archiveRoot} \\([\\d.]+ MB free\\); the original is untouched$`,
      ),
    );
    expect(error.code).toBe("disk_full");
    expect(compressed.at(-1)).toBeLessThan(readFileSync(source).length);
    expect(readdirSync(archiveRoot)).toEqual([]);
    const disk = statfsSync(archiveRoot);
    expect(disk.bfree).toBe(disk.blocks);
  });

  it("refuses when the disk fills up during the restore test, and frees what it wrote", async () => {
    const { dir } = setup();
    const source = bulkySource(dir);
    const probe = path.join(dir, "probe.gz");
    const { archive, original } = await compressFile(source, probe);
    expect(archive.sizeBytes + (1 << 20)).toBeLessThan(original.sizeBytes);
    const archiveRoot = path.join(dir, "medium-disk");
    mount(archiveRoot, archive.sizeBytes + (1 << 20));
    const phases = new Set<string>();
    await expectRefusal(
      { label: "nas", localFile: source, archiveRoot, onProgress: (p) => phases.add(p.phase) },
      new RegExp(
        `^Archive disk is full: the NAS restore test copy could not be written to ${archiveRoot} ` +
          `\\([\\d.]+ MB free, it needs ${(original.sizeBytes / 1e6).toFixed(1)} MB\\); the original is untouched$`,
      ),
    );
    expect(phases).toContain("restore test nas");
    expect(readdirSync(archiveRoot)).toEqual([]);
  });

  it("refuses a source that changed since the write-guard window, naming the table, before writing anything", async () => {
    const { dir, nas, expected } = setup();
    const db = new Database(nas);
    const lastKnown = await fingerprintDatabase(db);
    db.prepare("UPDATE content SET title = title || ' (edited)' WHERE rowid = (SELECT min(rowid) FROM content)").run();
    db.close();
    const archiveRoot = path.join(dir, "archive");
    const error = await expectRefusal(
      { label: "nas", localFile: nas, archiveRoot, expectedFingerprint: lastKnown },
      `NAS database changed since the write-guard window: content rows changed (${expected.nas.contentRows} rows); nothing was archived`,
    );
    expect(error.code).toBe("source_changed");
    expect(existsSync(archiveRoot)).toBe(false);
  });

  it("catches a source written while it was being archived in the restore test, naming the table", async () => {
    const { dir, dashboard, expected } = setup();
    const archiveRoot = path.join(dir, "archive");
    let written = false;
    // The write lands after the live fingerprint and before the bytes are read: what is compressed is not what was fingerprinted.
    const run = archiveSource({
      label: "dashboard",
      localFile: dashboard,
      archiveRoot,
      onProgress: (p) => {
        if (p.phase !== "compress dashboard" || written) return;
        written = true;
        const writer = new Database(dashboard);
        writer.prepare("DELETE FROM summary_variants WHERE id = (SELECT min(id) FROM summary_variants)").run();
        writer.close();
      },
    });
    const variants = expected.dashboard.summaryVariants;
    await expect(run).rejects.toThrow(
      new OwnerFacingError(
        `Dashboard archive failed its restore test: the restored fingerprint differs from the original's in ` +
          `summary_variants rows changed (${variants} → ${variants - 1} rows); nothing was kept and the original is untouched`,
        "restore_failed",
      ),
    );
    expect(written).toBe(true);
    expect(readdirSync(archiveRoot)).toEqual([]);
  });

  it("stops when cancelled and keeps nothing", async () => {
    const { dir, nas } = setup();
    const archiveRoot = path.join(dir, "archive");
    const controller = new AbortController();
    const error = await expectRefusal(
      {
        label: "nas",
        localFile: nas,
        archiveRoot,
        signal: controller.signal,
        onProgress: (p) => p.phase === "compress nas" && controller.abort(),
      },
      "Archive of the NAS database was cancelled; nothing was kept and the original is untouched",
    );
    expect(error.code).toBe("cancelled");
    expect(readdirSync(archiveRoot)).toEqual([]);
  });

  it("refuses a missing source in the backup's words and creates nothing", async () => {
    const { dir } = setup();
    const missing = path.join(dir, "nowhere.db");
    const archiveRoot = path.join(dir, "archive");
    await expect(archiveSource({ label: "nas", localFile: missing, archiveRoot })).rejects.toThrow(
      `NAS database not found: ${missing}`,
    );
    expect(existsSync(archiveRoot)).toBe(false);
  });
});
