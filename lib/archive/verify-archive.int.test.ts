import { closeSync, openSync, readSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { fingerprintDatabase } from "@/lib/backup/fingerprint";
import { makeTempDir } from "@/test/support/temp-dir";
import { archiveSource } from "./archive-source";
import { MANIFEST_FILE, readArchiveManifest } from "./manifest";
import { moveOriginalAside } from "./move-aside";
import { verifyArchive } from "./restore-test";
import { demoSources, sha256 } from "@/test/support/archive/fixtures";

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

async function archived() {
  const temp = makeTempDir("cutover-archive-verify-");
  temps.push(temp);
  const sources = demoSources(temp.dir);
  const result = await archiveSource({
    label: "nas",
    localFile: sources.nas,
    archiveRoot: path.join(temp.dir, "archive"),
  });
  return { ...sources, dir: temp.dir, result, archivePath: path.join(result.archiveDir, result.manifest.archive.file) };
}

/** Flips every bit of one byte, as a failing disk or a careless edit would. */
function corruptByte(file: string, at: number): void {
  const fd = openSync(file, "r+");
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0xff;
    writeSync(fd, byte, 0, 1, at);
  } finally {
    closeSync(fd);
  }
}

describe("verifyArchive (the restore test of a finished archive)", () => {
  it("passes an intact archive, and checks it against the last known fingerprint too", async () => {
    const { nas, result } = await archived();
    const db = new Database(nas, { readonly: true });
    const lastKnown = await fingerprintDatabase(db);
    db.close();
    const check = await verifyArchive({ archiveDir: result.archiveDir, expected: lastKnown });
    expect(check).toMatchObject({ ok: true, integrity: "ok", matchesOriginal: true, matchesExpected: true });
    expect(check.summary).toBe("NAS archive restores");
  });

  it("catches one corrupted byte in the middle of the archive", async () => {
    const { result, archivePath } = await archived();
    corruptByte(archivePath, Math.floor(statSync(archivePath).size / 2));
    const check = await verifyArchive({ archiveDir: result.archiveDir });
    expect(check.ok).toBe(false);
    expect(check.matchesOriginal).toBe(false);
    expect(check.detail).toMatch(
      /^the archive's SHA-256 differs from its manifest; the archive does not decompress \(.+\)$/,
    );
    expect(check.summary).toBe(`NAS archive: ${check.detail}`);
  });

  it("catches a corrupted byte even when the manifest was rewritten to the damaged file's hash", async () => {
    const { result, archivePath } = await archived();
    corruptByte(archivePath, Math.floor(statSync(archivePath).size / 3));
    const manifest = readArchiveManifest(result.archiveDir);
    manifest.archive.sha256 = sha256(archivePath);
    writeFileSync(path.join(result.archiveDir, MANIFEST_FILE), JSON.stringify(manifest));
    const check = await verifyArchive({ archiveDir: result.archiveDir });
    expect(check.ok).toBe(false);
    // gzip's own CRC-32 (or the deflate stream) rejects it: the hash in the manifest is not the only guard.
    expect(check.detail).toMatch(/^the archive does not decompress \(.+\)$/);
  });

  it("catches a truncated archive", async () => {
    const { result, archivePath } = await archived();
    truncateSync(archivePath, statSync(archivePath).size - 100);
    const check = await verifyArchive({ archiveDir: result.archiveDir });
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/the archive does not decompress \(unexpected end of file\)/);
  });

  it("reports a missing archive file as a failed check", async () => {
    const { result, archivePath } = await archived();
    rmSync(archivePath);
    const check = await verifyArchive({ archiveDir: result.archiveDir });
    expect(check).toMatchObject({ ok: false, detail: "the archive file is missing: nas.db.gz" });
  });

  it("refuses to move the original once the archive is corrupt, and moves nothing", async () => {
    const { nas, result, archivePath } = await archived();
    corruptByte(archivePath, 20);
    const before = sha256(nas);
    await expect(moveOriginalAside({ archiveDir: result.archiveDir })).rejects.toThrow(
      `The NAS archive in ${result.archiveDir} no longer matches its manifest (SHA-256): archive again; nothing was moved`,
    );
    expect(sha256(nas)).toBe(before);
  });

  it("refuses a folder without a readable manifest in one line", async () => {
    const { dir } = await archived();
    await expect(verifyArchive({ archiveDir: dir })).rejects.toThrow(`No readable archive manifest in ${dir}`);
  });
});
