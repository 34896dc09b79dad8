import { existsSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { fileSha256, fingerprintDatabase, integrityCheck } from "@/lib/backup/fingerprint";
import { ROLE_LABEL } from "@/lib/backup/source-access";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { decompressFile, isDamagedStreamError } from "./compression";
import { compareFingerprints, describeMismatches, type FingerprintLike } from "./fingerprint-compare";
import { readArchiveManifest, type ArchiveLabel, type ArchiveManifest, type RestoreCheck } from "./manifest";

export type RestoreTestOptions = {
  label: ArchiveLabel;
  archivePath: string;
  /** where the temporary restored file goes; it is always removed */
  tempDir: string;
  /** what the archive must restore to */
  original: Pick<ArchiveManifest["original"], "sha256" | "fingerprint" | "tables">;
  /** the archive's recorded SHA-256; omitted while archiving, where it was computed in the same pass */
  archiveSha256?: string;
  /** the last known fingerprint (the write-guard window) */
  expected?: FingerprintLike;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
};

function removeRestored(file: string): void {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Decompresses the archive to a temp file, runs integrity_check, re-fingerprints, and compares
 * with the original and the expected fingerprint. A damaged archive is a failed check with a
 * reason; only a failing disk (full, read-only) or a cancel rejects.
 */
export async function restoreTestArchive(options: RestoreTestOptions): Promise<RestoreCheck> {
  const { label, archivePath, original, expected, onProgress } = options;
  const temp = path.join(options.tempDir, `${label}.restore-test.db`);
  const checkedAt = new Date().toISOString();
  const problems: string[] = [];
  const check = (fields: Partial<RestoreCheck>): RestoreCheck => ({
    ok: problems.length === 0,
    checkedAt,
    archiveSha256: null,
    restoredSha256: null,
    restoredSizeBytes: null,
    integrity: null,
    fingerprint: null,
    matchesOriginal: false,
    matchesExpected: expected ? false : null,
    detail: problems.length === 0 ? "the restored copy matches the original" : problems.join("; "),
    ...fields,
  });
  if (!existsSync(archivePath)) {
    problems.push(`the archive file is missing: ${path.basename(archivePath)}`);
    return check({});
  }
  removeRestored(temp);
  const total = statSync(archivePath).size;
  const phase = `restore test ${label}`;
  onProgress?.({ phase, done: 0, total, unit: "bytes" });
  try {
    let digests;
    try {
      digests = await decompressFile(archivePath, temp, {
        signal: options.signal,
        onBytes: (done) => onProgress?.({ phase, done, total, unit: "bytes" }),
      });
    } catch (error) {
      if (!isDamagedStreamError(error)) throw error;
      const archiveSha256 = (await fileSha256(archivePath)).sha256;
      if (options.archiveSha256 && archiveSha256 !== options.archiveSha256) {
        problems.push("the archive's SHA-256 differs from its manifest");
      }
      problems.push(`the archive does not decompress (${(error as Error).message})`);
      return check({ archiveSha256 });
    }
    const { archive, restored } = digests;
    onProgress?.({ phase, done: archive.sizeBytes, total, unit: "bytes" });
    if (options.archiveSha256 && archive.sha256 !== options.archiveSha256) {
      problems.push("the archive's SHA-256 differs from its manifest");
    }
    if (restored.sha256 !== original.sha256) problems.push("the restored file's SHA-256 differs from the original's");
    const opened = await inspectRestored(label, temp, onProgress);
    if (opened.integrity !== "ok") problems.push(`integrity check: ${opened.integrity}`);
    const fingerprint = opened.fingerprint;
    const matchesOriginal = fingerprint !== null && fingerprint.fingerprint === original.fingerprint;
    if (fingerprint && !matchesOriginal) {
      problems.push(
        `the restored fingerprint differs from the original's in ${describeMismatches(compareFingerprints({ fingerprint: original.fingerprint, tables: original.tables }, fingerprint))}`,
      );
    }
    const matchesExpected = expected ? fingerprint !== null && fingerprint.fingerprint === expected.fingerprint : null;
    if (expected && fingerprint && !matchesExpected) {
      problems.push(
        `the restored fingerprint differs from the last known one (write-guard window) in ${describeMismatches(compareFingerprints(expected, fingerprint))}`,
      );
    }
    return check({
      archiveSha256: archive.sha256,
      restoredSha256: restored.sha256,
      restoredSizeBytes: restored.sizeBytes,
      integrity: opened.integrity,
      fingerprint: fingerprint?.fingerprint ?? null,
      matchesOriginal,
      matchesExpected,
    });
  } finally {
    removeRestored(temp);
  }
}

/**
 * Opens the restored copy (ours, so it may be written): a WAL-mode original is switched to a
 * rollback journal first, so reading it leaves no -wal/-shm beside it.
 */
async function inspectRestored(label: ArchiveLabel, file: string, onProgress?: ProgressReporter) {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma("journal_mode = DELETE");
  } catch (error) {
    return { integrity: `cannot be opened as SQLite (${(error as Error).message})`, fingerprint: null };
  }
  try {
    const integrity = integrityCheck(db);
    try {
      const fingerprint = await fingerprintDatabase(db, { phase: `restore fingerprint ${label}`, onProgress });
      return { integrity, fingerprint };
    } catch (error) {
      return {
        integrity: integrity === "ok" ? `unreadable (${(error as Error).message})` : integrity,
        fingerprint: null,
      };
    }
  } catch (error) {
    return { integrity: `unreadable (${(error as Error).message})`, fingerprint: null };
  } finally {
    db.close();
  }
}

/**
 * Re-runs the restore test of a finished archive against its manifest (and the last known
 * fingerprint, when given). The temp file goes to `tempDir`, by default the archive folder.
 */
export async function verifyArchive(options: {
  archiveDir: string;
  expected?: FingerprintLike;
  tempDir?: string;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
}): Promise<RestoreCheck & { label: ArchiveLabel; summary: string }> {
  let manifest: ArchiveManifest;
  try {
    manifest = readArchiveManifest(options.archiveDir);
  } catch {
    throw new OwnerFacingError(`No readable archive manifest in ${options.archiveDir}`, "archive_unreadable");
  }
  const result = await restoreTestArchive({
    label: manifest.label,
    archivePath: path.join(options.archiveDir, manifest.archive.file),
    tempDir: options.tempDir ?? options.archiveDir,
    original: manifest.original,
    archiveSha256: manifest.archive.sha256,
    expected: options.expected,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const name = `${ROLE_LABEL[manifest.label]} archive`;
  return { ...result, label: manifest.label, summary: result.ok ? `${name} restores` : `${name}: ${result.detail}` };
}
