import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { DatabaseFingerprint } from "@/lib/backup/fingerprint";
import { fileSha256 } from "@/lib/backup/fingerprint";
import { ROLE_LABEL, toOwnerFacing } from "@/lib/backup/source-access";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { archiveDiskError, errorCode } from "./archive-errors";
import {
  archiveFileName,
  chooseArchiveId,
  listArchives,
  parseWorkDirName,
  workDirName,
  workFileNames,
} from "./archive-layout";
import { COMPRESSION, compressFile } from "./compression";
import { renameDurably } from "./durable-fs";
import { compareFingerprints, describeMismatches, type FingerprintLike } from "./fingerprint-compare";
import { fingerprintLiveSource, sidecarSizes } from "./live-source";
import {
  MANIFEST_FILE,
  readArchiveManifest,
  writeArchiveManifest,
  type ArchiveLabel,
  type ArchiveManifest,
  type RestoreCheck,
} from "./manifest";
import { hostRemoval, redactUrl, type HostRemoval } from "./remote-source";
import { restoreTestArchive } from "./restore-test";

export type ArchiveSourceOptions = {
  label: ArchiveLabel;
  /** the live file (NAS), or a fresh download of the remote one (Dashboard) */
  localFile: string;
  /** CUTOVER_DATA_DIR/archive */
  archiveRoot: string;
  /** set when localFile was downloaded from this URL: the host's file stays for the owner to remove */
  remote?: { url: string };
  /** the last known fingerprint, from the write-guard window: the source and the archive must match it */
  expectedFingerprint?: FingerprintLike;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  now?: () => Date;
};

export type ArchiveResult = {
  label: ArchiveLabel;
  archiveId: string;
  archiveDir: string;
  manifestPath: string;
  manifest: ArchiveManifest;
  /** archived now; finished an interrupted run's verified work; or found this very file already archived */
  outcome: "archived" | "resumed" | "already-archived";
  restoreTest: RestoreCheck;
  /** remote sources only: what the owner must still remove on the host */
  ownerMustRemove: HostRemoval | null;
};

type Run = ArchiveSourceOptions & {
  localFile: string;
  source: ArchiveManifest["source"];
  live: DatabaseFingerprint;
  now: () => Date;
};

/**
 * Archives one source: fingerprints the live file (refusing if it moved since the write-guard
 * window), compresses it into a work folder, restore-tests the archive, writes the manifest and
 * only then renames the folder to its UTC time. Never writes the source. A failure removes the
 * work folder; a kill leaves it, and the next run for the same label finishes or redoes it.
 */
export async function archiveSource(options: ArchiveSourceOptions): Promise<ArchiveResult> {
  const { label, archiveRoot } = options;
  const localFile = path.resolve(options.localFile);
  const source: ArchiveManifest["source"] = options.remote
    ? { kind: "remote", url: redactUrl(options.remote.url) }
    : { kind: "local", path: localFile };
  try {
    options.signal?.throwIfAborted();
    const live = await fingerprintLiveSource(label, localFile, options.onProgress);
    const expected = options.expectedFingerprint;
    if (expected && expected.fingerprint !== live.fingerprint) {
      throw new OwnerFacingError(
        `${ROLE_LABEL[label]} database changed since the write-guard window: ${describeMismatches(compareFingerprints(expected, live))}; nothing was archived`,
        "source_changed",
      );
    }
    const run: Run = { ...options, localFile, source, live, now: options.now ?? (() => new Date()) };
    ensureRoot(run);
    const finished = await findFinishedArchive(run);
    if (finished) return finished;
    return await archiveInWorkDir(run);
  } catch (error) {
    throw ownerFacing(error, label, localFile, archiveRoot);
  }
}

function ownerFacing(error: unknown, label: ArchiveLabel, localFile: string, archiveRoot: string): unknown {
  if (error instanceof OwnerFacingError) return error;
  const name = (error as { name?: unknown })?.name;
  if (name === "AbortError" || errorCode(error) === "ABORT_ERR") {
    return new OwnerFacingError(
      `Archive of the ${ROLE_LABEL[label]} database was cancelled; nothing was kept and the original is untouched`,
      "cancelled",
    );
  }
  if ((error as { path?: unknown })?.path === localFile) return toOwnerFacing(label, localFile, error);
  return archiveDiskError(error, label, archiveRoot) ?? error;
}

function ensureRoot(run: Run): void {
  try {
    mkdirSync(run.archiveRoot, { recursive: true });
  } catch (error) {
    if (errorCode(error) === "EEXIST") {
      // mkdir -p met a file where the folder should be.
      throw new OwnerFacingError(
        `Archive folder is not writable: ${run.archiveRoot} is a file, not a folder; the ${ROLE_LABEL[run.label]} archive was not written and the original is untouched`,
        "archive_dir_unwritable",
      );
    }
    throw archiveDiskError(error, run.label, run.archiveRoot) ?? error;
  }
}

function sameSource(manifest: ArchiveManifest, run: Run): boolean {
  return (
    manifest.label === run.label &&
    JSON.stringify(manifest.source) === JSON.stringify(run.source) &&
    manifest.original.fingerprint === run.live.fingerprint &&
    manifest.expectedFingerprint === (run.expectedFingerprint?.fingerprint ?? null) &&
    manifest.restoreTest.ok
  );
}

/** True when the live file and the archive on disk are byte for byte what the manifest says. */
async function bytesStillMatch(manifest: ArchiveManifest, dir: string, run: Run): Promise<boolean> {
  const archivePath = path.join(dir, manifest.archive.file);
  if (!existsSync(archivePath)) return false;
  const original = await fileSha256(run.localFile, { phase: `sha256 ${run.label}`, onProgress: run.onProgress });
  if (original.sha256 !== manifest.original.sha256) return false;
  return (await fileSha256(archivePath)).sha256 === manifest.archive.sha256;
}

/** A rerun after a kill that came after the final rename: the same file is already archived and verified. */
async function findFinishedArchive(run: Run): Promise<ArchiveResult | null> {
  for (const entry of listArchives(run.archiveRoot)) {
    if (entry.status !== "verified" || entry.moved || !sameSource(entry.manifest, run)) continue;
    if (await bytesStillMatch(entry.manifest, entry.dir, run))
      return result(run, entry.dir, entry.manifest, "already-archived");
  }
  return null;
}

function clearWork(dir: string, label: ArchiveLabel): void {
  for (const name of workFileNames(label)) rmSync(path.join(dir, name), { force: true });
}

/** This label's interrupted work folder, reused (so its time names the archive), or a new one. */
function openWorkDir(run: Run): { dir: string; archiveId: string } {
  const interrupted = readdirSync(run.archiveRoot)
    .map((name) => ({ name, parsed: parseWorkDirName(name) }))
    .filter((entry) => entry.parsed?.label === run.label)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const extra of interrupted.slice(1)) {
    const dir = path.join(run.archiveRoot, extra.name);
    clearWork(dir, run.label);
    rmdirSync(dir);
  }
  if (interrupted[0]) {
    return { dir: path.join(run.archiveRoot, interrupted[0].name), archiveId: interrupted[0].parsed!.archiveId };
  }
  const archiveId = chooseArchiveId(run.archiveRoot, run.now());
  const dir = path.join(run.archiveRoot, workDirName(run.label, archiveId));
  mkdirSync(dir);
  return { dir, archiveId };
}

async function archiveInWorkDir(run: Run): Promise<ArchiveResult> {
  const { dir, archiveId } = openWorkDir(run);
  try {
    const earlier = await finishedWork(run, dir);
    if (earlier) return finish(run, dir, archiveId, earlier, "resumed");
    clearWork(dir, run.label);
    const manifest = await compressAndVerify(run, dir, archiveId);
    return finish(run, dir, archiveId, manifest, "archived");
  } catch (error) {
    // Nothing in a work folder is worth keeping once the run failed; freeing the disk is.
    try {
      clearWork(dir, run.label);
      rmdirSync(dir);
    } catch {
      // A folder we cannot empty stays; listArchives shows it as interrupted and a rerun clears it.
    }
    throw error;
  }
}

/** An interrupted run that had already written its manifest: only the final rename was missing. */
async function finishedWork(run: Run, dir: string): Promise<ArchiveManifest | null> {
  if (!existsSync(path.join(dir, MANIFEST_FILE))) return null;
  try {
    const manifest = readArchiveManifest(dir);
    return sameSource(manifest, run) && (await bytesStillMatch(manifest, dir, run)) ? manifest : null;
  } catch {
    return null;
  }
}

async function compressAndVerify(run: Run, dir: string, archiveId: string): Promise<ArchiveManifest> {
  const { label, onProgress, signal } = run;
  const file = archiveFileName(label);
  const partial = path.join(dir, `${file}.partial`);
  const total = statSync(run.localFile).size;
  onProgress?.({ phase: `compress ${label}`, done: 0, total, unit: "bytes" });
  const digests = await compressFile(run.localFile, partial, {
    signal,
    onBytes: (done) => onProgress?.({ phase: `compress ${label}`, done, total, unit: "bytes" }),
  });
  onProgress?.({ phase: `compress ${label}`, done: digests.original.sizeBytes, total, unit: "bytes" });
  const original = {
    fileName: path.basename(run.localFile),
    ...digests.original,
    fingerprint: run.live.fingerprint,
    tables: run.live.tables,
  };
  const restoreTest = await restoreTestArchive({
    label,
    archivePath: partial,
    tempDir: dir,
    original,
    expected: run.expectedFingerprint,
    signal,
    onProgress,
  }).catch((error: unknown) => {
    throw archiveDiskError(error, label, run.archiveRoot, "restore test copy", original.sizeBytes) ?? error;
  });
  if (!restoreTest.ok) throw restoreFailure(run, restoreTest);
  renameDurably(partial, path.join(dir, file));
  const manifest: ArchiveManifest = {
    version: 1,
    label,
    archiveId,
    createdAt: run.now().toISOString(),
    source: run.source,
    original,
    archive: { file, ...digests.archive },
    compression: { ...COMPRESSION },
    expectedFingerprint: run.expectedFingerprint?.fingerprint ?? null,
    restoreTest,
  };
  writeArchiveManifest(dir, manifest);
  return manifest;
}

/** Usually the source was written while it was read; a -wal with commits not in the main file is named as such. */
function restoreFailure(run: Run, check: RestoreCheck): OwnerFacingError {
  const name = ROLE_LABEL[run.label];
  const wal = sidecarSizes(run.localFile)["-wal"];
  if (wal && check.integrity === "ok" && !check.matchesOriginal) {
    return new OwnerFacingError(
      `${name} database keeps changes in its -wal file that are not in the main file yet (${check.detail}): ` +
        `let its program close it, or run "PRAGMA wal_checkpoint(TRUNCATE)" on it, then archive again; nothing was archived`,
      "source_wal_pending",
    );
  }
  return new OwnerFacingError(
    `${name} archive failed its restore test: ${check.detail}; nothing was kept and the original is untouched`,
    "restore_failed",
  );
}

function finish(
  run: Run,
  workDir: string,
  archiveId: string,
  manifest: ArchiveManifest,
  outcome: ArchiveResult["outcome"],
): ArchiveResult {
  run.onProgress?.({ phase: `finalize ${run.label}`, done: 0, total: 1, unit: "steps" });
  const finalDir = path.join(run.archiveRoot, archiveId);
  if (existsSync(finalDir)) throw new Error(`archive folder ${finalDir} already exists`);
  renameDurably(workDir, finalDir);
  run.onProgress?.({ phase: `finalize ${run.label}`, done: 1, total: 1, unit: "steps" });
  return result(run, finalDir, manifest, outcome);
}

function result(run: Run, dir: string, manifest: ArchiveManifest, outcome: ArchiveResult["outcome"]): ArchiveResult {
  return {
    label: run.label,
    archiveId: manifest.archiveId,
    archiveDir: dir,
    manifestPath: path.join(dir, MANIFEST_FILE),
    manifest,
    outcome,
    restoreTest: manifest.restoreTest,
    ownerMustRemove: manifest.source.kind === "remote" ? hostRemoval(run.label, manifest.source.url, dir) : null,
  };
}
