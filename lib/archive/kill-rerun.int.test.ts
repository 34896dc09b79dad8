import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeSyntheticPair } from "@/test/support/synthetic-pair";
import { makeTempDir } from "@/test/support/temp-dir";
import { archiveSource } from "./archive-source";
import { listArchives } from "./archive-layout";
import { moveOriginalAside } from "./move-aside";
import { readMoved } from "./manifest";
import {
  demoSources,
  mountTmpfs,
  runCleanups,
  runArchiveChild,
  sha256,
  withoutTimes,
} from "@/test/support/archive/fixtures";

/**
 * A kill at any point of an archive run, then a rerun: the rerun finishes with the same
 * manifest (times aside) as an uninterrupted run, leaves one archive and no work folder, and
 * the original is byte-identical throughout. The same for a kill while the original is copied
 * across file systems: it is never lost.
 */
const cleanups: Array<() => void> = [];
afterEach(() => runCleanups(cleanups));

function tempDir() {
  const temp = makeTempDir("cutover-archive-kill-");
  cleanups.push(() => temp.cleanup());
  return temp.dir;
}

function bulkySource(dir: string, records: number): string {
  const nasPath = path.join(dir, "bulky", "nas.db");
  mkdirSync(path.dirname(nasPath), { recursive: true });
  writeSyntheticPair({ nasPath, dashboardPath: path.join(dir, "bulky", "dashboard.db"), records });
  return nasPath;
}

async function reference(label: "nas", localFile: string, dir: string) {
  return (await archiveSource({ label, localFile, archiveRoot: path.join(dir, "reference") })).manifest;
}

describe("a kill during archive, then a rerun", () => {
  it("finishes with the same manifest after a SIGKILL from outside mid-compression", async () => {
    const dir = tempDir();
    const source = bulkySource(dir, 1_500);
    const original = sha256(source);
    const expected = await reference("nas", source, dir);
    const archiveRoot = path.join(dir, "archive");
    const run = await runArchiveChild(
      { ARCHIVE_LABEL: "nas", ARCHIVE_SOURCE: source, ARCHIVE_ROOT: archiveRoot },
      (phase, done) => phase === "compress_nas" && done > 0,
    );
    expect(run.killed).toBe(true);
    const compressedBeforeKill = run.lines.filter((line) => line.startsWith("progress compress_nas")).at(-1);
    expect(Number(compressedBeforeKill!.split(" ")[2])).toBeLessThan(expected.original.sizeBytes);
    const [interrupted] = listArchives(archiveRoot);
    expect(interrupted).toMatchObject({ status: "interrupted", label: "nas" });
    expect(readdirSync(interrupted!.dir)).toContain("nas.db.gz.partial");
    expect(sha256(source)).toBe(original);

    const rerun = await archiveSource({ label: "nas", localFile: source, archiveRoot });
    expect(rerun.outcome).toBe("archived");
    expect(rerun.archiveId).toBe(interrupted!.id);
    expect(withoutTimes(rerun.manifest)).toEqual(withoutTimes(expected));
    expect(listArchives(archiveRoot).map((entry) => entry.status)).toEqual(["verified"]);
    expect(readdirSync(archiveRoot)).toEqual([rerun.archiveId]);
    expect(sha256(source)).toBe(original);
  });

  const points: Array<[string, string, "archived" | "resumed" | "already-archived"]> = [
    ["while fingerprinting the source", "fingerprint", "archived"],
    ["right after the work folder was made", "compress", "archived"],
    ["while restore-testing", "restore test", "archived"],
    ["while re-fingerprinting the restored copy", "restore fingerprint", "archived"],
    ["after the manifest, before the folder rename", "finalize:0", "resumed"],
    ["after the folder rename", "finalize:1", "already-archived"],
  ];

  it.each(points)("finishes with the same manifest after a kill %s", async (_when, dieAt, outcome) => {
    const dir = tempDir();
    const { nas } = demoSources(dir);
    const original = sha256(nas);
    const expected = await reference("nas", nas, dir);
    const archiveRoot = path.join(dir, "archive");
    const run = await runArchiveChild({
      ARCHIVE_LABEL: "nas",
      ARCHIVE_SOURCE: nas,
      ARCHIVE_ROOT: archiveRoot,
      ARCHIVE_DIE_AT: dieAt,
    });
    expect(run.killed).toBe(true);
    expect(run.result).toBeNull();
    expect(sha256(nas)).toBe(original);

    const rerun = await archiveSource({ label: "nas", localFile: nas, archiveRoot });
    expect(rerun.outcome).toBe(outcome);
    expect(withoutTimes(rerun.manifest)).toEqual(withoutTimes(expected));
    expect(listArchives(archiveRoot).map((entry) => entry.status)).toEqual(["verified"]);
    expect(readdirSync(rerun.archiveDir).sort()).toEqual(["manifest.json", "nas.db.gz"]);
    expect(sha256(nas)).toBe(original);
  });
});

describe("a kill while the original is copied to another file system, then a rerun", () => {
  async function archivedAcrossDisks(records: number) {
    const dir = tempDir();
    const source = bulkySource(dir, records);
    const archiveRoot = path.join(dir, "other-disk");
    cleanups.push(mountTmpfs(archiveRoot, { sizeBytes: 32 << 20 }));
    const archived = await archiveSource({ label: "nas", localFile: source, archiveRoot });
    return { source, archived, original: sha256(source) };
  }

  it.each([
    ["mid-copy", (size: number) => `move:${Math.min(8 << 20, size - 1)}`, ["nas.db.partial"]],
    ["after the verified copy, before the original is removed", (size: number) => `move:${size}`, ["nas.db"]],
  ])("never loses the original: killed %s", async (_when, dieAt, leftInArchive) => {
    const { source, archived, original } = await archivedAcrossDisks(700);
    const size = archived.manifest.original.sizeBytes;
    expect(size).toBeGreaterThan(8 << 20);
    const run = await runArchiveChild({ ARCHIVE_MOVE_DIR: archived.archiveDir, ARCHIVE_DIE_AT: dieAt(size) });
    expect(run.killed).toBe(true);
    // The original is still where it was, whole, or (killed after the verified copy) both are.
    expect(sha256(source)).toBe(original);
    expect(readMoved(archived.archiveDir)).toBeNull();
    expect(readdirSync(path.join(archived.archiveDir, "original"))).toEqual(leftInArchive);

    const moved = await moveOriginalAside({ archiveDir: archived.archiveDir, crossDevice: "copy" });
    expect(moved.outcome).toBe("moved");
    expect(existsSync(source)).toBe(false);
    expect(sha256(path.join(archived.archiveDir, "original", "nas.db"))).toBe(original);
    expect(readdirSync(path.join(archived.archiveDir, "original"))).toEqual(["nas.db"]);
    expect(moved.moved.files).toEqual([{ from: source, to: "original/nas.db", sha256: original, sizeBytes: size }]);
  });
});
