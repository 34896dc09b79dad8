import { accessSync, constants, existsSync, mkdirSync, rmSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { fileSha256 } from "@/lib/backup/fingerprint";
import { ROLE_LABEL } from "@/lib/backup/source-access";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { archiveDiskError, errorCode } from "./archive-errors";
import { ORIGINAL_DIR } from "./archive-layout";
import { fsyncPath, renameDurably } from "./durable-fs";
import { copyFileDurably } from "./file-streams";
import { compareFingerprints, describeMismatches } from "./fingerprint-compare";
import { fingerprintLiveSource, SIDECARS, sidecarSizes } from "./live-source";
import { readArchiveManifest, readMoved, writeMoved, type ArchiveManifest, type MovedRecord } from "./manifest";

export type MoveAsideOptions = {
  /** a finished archive folder (ArchiveResult.archiveDir) */
  archiveDir: string;
  /** across file systems no rename is possible: "copy" copies, fsyncs, verifies the SHA-256, then removes the original */
  crossDevice?: "refuse" | "copy";
  onProgress?: ProgressReporter;
  now?: () => Date;
};

export type MoveResult = {
  label: ArchiveManifest["label"];
  archiveDir: string;
  movedPath: string;
  moved: MovedRecord;
  outcome: "moved" | "already-moved";
};

type File = { from: string; to: string; expectedSha256: string | null };

/**
 * Moves a local original out of the active path into `<archiveDir>/original/`, after the typed
 * confirmation the caller asked for. Refuses, moving nothing, unless the archive passed its
 * restore test, still has its recorded SHA-256, and the live file still has the archived one.
 * Never deletes: a rename, or across file systems (when allowed) a verified copy before the
 * original is removed. Every step can be rerun after a kill; moved.json is written last.
 */
export async function moveOriginalAside(options: MoveAsideOptions): Promise<MoveResult> {
  const { archiveDir } = options;
  const manifest = readManifestOrThrow(archiveDir);
  const name = ROLE_LABEL[manifest.label];
  const already = readMoved(archiveDir);
  if (already) return result(manifest, archiveDir, already, "already-moved");
  if (manifest.source.kind === "remote") {
    throw new OwnerFacingError(
      `The ${name} database is on its host, not here: remove the SQLite file served at ${manifest.source.url} there yourself; nothing was moved`,
      "remote_source",
    );
  }
  if (!manifest.restoreTest.ok) {
    throw new OwnerFacingError(
      `The ${name} archive did not pass its restore test; nothing was moved`,
      "restore_failed",
    );
  }
  const archivePath = path.join(archiveDir, manifest.archive.file);
  if (!existsSync(archivePath) || (await fileSha256(archivePath)).sha256 !== manifest.archive.sha256) {
    throw new OwnerFacingError(
      `The ${name} archive in ${archiveDir} no longer matches its manifest (SHA-256): archive again; nothing was moved`,
      "archive_damaged",
    );
  }
  const main = manifest.source.path;
  const destDir = path.join(archiveDir, ORIGINAL_DIR);
  const mainFile: File = {
    from: main,
    to: path.join(destDir, path.basename(main)),
    expectedSha256: manifest.original.sha256,
  };
  if (existsSync(main)) await assertLiveMatchesArchive(manifest, main, options.onProgress);
  else if (!existsSync(mainFile.to)) {
    throw new OwnerFacingError(
      `The ${name} database is no longer at ${main} and not in the archive folder either; nothing was moved`,
      "source_missing",
    );
  }
  const method = chooseMethod(manifest, main, archiveDir, options.crossDevice ?? "refuse");
  const sidecars = SIDECARS.map((suffix) => ({
    from: `${main}${suffix}`,
    to: path.join(destDir, `${path.basename(main)}${suffix}`),
    expectedSha256: null,
  }));
  try {
    mkdirSync(destDir, { recursive: true });
    const moved: MovedFile[] = [];
    for (const file of [mainFile, ...sidecars]) {
      const done = await moveFile(file, method, manifest, options);
      if (done) moved.push(done);
    }
    const record: MovedRecord = {
      version: 1,
      label: manifest.label,
      movedAt: (options.now ?? (() => new Date()))().toISOString(),
      method: moved.some((file) => file.method === "copy") ? "copy" : "rename",
      files: moved.map((file) => ({ from: file.from, to: file.to, sha256: file.sha256, sizeBytes: file.sizeBytes })),
    };
    writeMoved(archiveDir, record);
    return result(manifest, archiveDir, record, "moved");
  } catch (error) {
    if (error instanceof OwnerFacingError) throw error;
    if (errorCode(error) !== "ENOSPC" && sourceSide(error, main)) {
      throw new OwnerFacingError(
        `The ${name} database could not be moved out of ${path.dirname(main)} (${errorCode(error)}): ` +
          `its folder is not writable for this tool; ${main} stays where it is`,
        "source_dir_unwritable",
      );
    }
    throw archiveDiskError(error, manifest.label, archiveDir, "original") ?? error;
  }
}

/** A rename or unlink refused because the source's folder may not be changed (read-only mount, permissions). */
function sourceSide(error: unknown, main: string): boolean {
  if (!["EACCES", "EPERM", "EROFS"].includes(errorCode(error))) return false;
  try {
    accessSync(path.dirname(main), constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

function readManifestOrThrow(archiveDir: string): ArchiveManifest {
  try {
    return readArchiveManifest(archiveDir);
  } catch {
    throw new OwnerFacingError(
      `No readable archive manifest in ${archiveDir}; nothing was moved`,
      "archive_unreadable",
    );
  }
}

/**
 * The live file must be the archived bytes. A non-empty -wal is only moved along when the
 * database read through it still has the archived fingerprint (its frames are already in the
 * main file); a non-empty -journal is an unfinished write and always refused.
 */
async function assertLiveMatchesArchive(manifest: ArchiveManifest, main: string, onProgress?: ProgressReporter) {
  const name = ROLE_LABEL[manifest.label];
  const refuseChanged = (where: string, changes: string) =>
    new OwnerFacingError(
      `The ${name} database changed since it was archived${where}: ${changes}; archive it again; nothing was moved`,
      "source_changed",
    );
  const sizes = sidecarSizes(main);
  if (sizes["-journal"]) {
    throw new OwnerFacingError(
      `The ${name} database has an unfinished write in ${main}-journal; let its program finish, then retry; nothing was moved`,
      "source_locked",
    );
  }
  const live = await fileSha256(main, { phase: `sha256 ${manifest.label}`, onProgress });
  const walPending = (sizes["-wal"] ?? 0) > 0;
  if (live.sha256 === manifest.original.sha256 && !walPending) return;
  const now = await fingerprintLiveSource(manifest.label, main, onProgress);
  const changes = compareFingerprints(manifest.original, now);
  if (changes.length > 0) throw refuseChanged(walPending ? " (in its -wal file)" : "", describeMismatches(changes));
  if (live.sha256 !== manifest.original.sha256) {
    throw refuseChanged("", "its bytes differ though its rows do not (was it vacuumed?)");
  }
}

function chooseMethod(manifest: ArchiveManifest, main: string, archiveDir: string, crossDevice: "refuse" | "copy") {
  const sameDevice = statSync(path.dirname(main)).dev === statSync(archiveDir).dev;
  if (sameDevice) return "rename" as const;
  if (crossDevice === "copy") return "copy" as const;
  throw crossDeviceRefusal(archiveDir, main);
}

type MovedFile = MovedRecord["files"][number] & { method: "rename" | "copy" };

/**
 * One file, idempotent: already at its destination (a rerun) it is only checked; otherwise it
 * is renamed, or (across file systems, when allowed) copied, verified and then removed. A
 * sidecar that does not exist is skipped (null).
 */
async function moveFile(
  file: File,
  method: "rename" | "copy",
  manifest: ArchiveManifest,
  options: MoveAsideOptions,
): Promise<MovedFile | null> {
  const { from, to, expectedSha256 } = file;
  const name = ROLE_LABEL[manifest.label];
  const record = (digest: { sha256: string; sizeBytes: number }, used = method): MovedFile => ({
    from,
    to: path.relative(options.archiveDir, to),
    ...digest,
    method: used,
  });
  const fromExists = existsSync(from);
  if (existsSync(to)) {
    const there = await fileSha256(to);
    if (expectedSha256 && there.sha256 !== expectedSha256) {
      throw new OwnerFacingError(
        `${to} is in the way and is not the archived ${name} database; ${from} stays`,
        "move_blocked",
      );
    }
    if (!fromExists) return record(there);
    // A verified copy from an interrupted run: the original may go only if it is the same bytes.
    if ((await fileSha256(from)).sha256 !== there.sha256) {
      throw new OwnerFacingError(`${to} is in the way and differs from ${from}, which stays`, "move_blocked");
    }
    removeOriginal(from);
    return record(there, "copy");
  }
  if (!fromExists) return null;
  if (method === "rename") {
    try {
      renameDurably(from, to);
    } catch (error) {
      // Same device number but another mount (a bind mount) still refuses a rename.
      if (errorCode(error) !== "EXDEV") throw error;
      if (options.crossDevice !== "copy") throw crossDeviceRefusal(options.archiveDir, from);
      return record(await copyThenRemove(file, manifest, options), "copy");
    }
    const there = await fileSha256(to);
    if (expectedSha256 && there.sha256 !== expectedSha256) {
      renameDurably(to, from);
      throw new OwnerFacingError(
        `The ${name} database was written while it was being moved; it is back at ${from}; archive it again`,
        "source_changed",
      );
    }
    return record(there);
  }
  return record(await copyThenRemove(file, manifest, options));
}

/** Copy to `<to>.partial`, fsync, hash it back from disk, rename into place, and only then remove the original. */
async function copyThenRemove(file: File, manifest: ArchiveManifest, options: MoveAsideOptions) {
  const { from, to, expectedSha256 } = file;
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  const total = statSync(from).size;
  const phase = `move ${manifest.label}`;
  try {
    const read = await copyFileDurably(from, partial, {
      onBytes: (done) => options.onProgress?.({ phase, done, total, unit: "bytes" }),
    });
    const onDisk = await fileSha256(partial);
    if (onDisk.sha256 !== read.sha256 || (expectedSha256 && onDisk.sha256 !== expectedSha256)) {
      throw new OwnerFacingError(
        `The copy of ${from} does not match the ${expectedSha256 ? "archived" : "original"} bytes (SHA-256); the original stays, run the move again`,
        "copy_mismatch",
      );
    }
    renameDurably(partial, to);
    options.onProgress?.({ phase, done: total, total, unit: "bytes" });
    removeOriginal(from);
    return onDisk;
  } finally {
    rmSync(partial, { force: true });
  }
}

function removeOriginal(file: string): void {
  try {
    unlinkSync(file);
    fsyncPath(path.dirname(file));
  } catch (error) {
    const code = errorCode(error);
    if (code !== "EACCES" && code !== "EPERM" && code !== "EROFS") throw error;
    throw new OwnerFacingError(
      `The original ${file} could not be removed after its verified copy reached the archive (${code}): ` +
        `its folder is not writable for this tool; it stays where it is, run the move again once it is`,
      "source_dir_unwritable",
    );
  }
}

function crossDeviceRefusal(archiveDir: string, main: string): OwnerFacingError {
  return new OwnerFacingError(
    `The archive folder ${archiveDir} is on another file system than ${main}: a rename cannot move it; ` +
      `allow copying (copy, verify the SHA-256, then remove the original) or keep the archive on the same disk; nothing was moved`,
    "cross_device",
  );
}

function result(
  manifest: ArchiveManifest,
  archiveDir: string,
  moved: MovedRecord,
  outcome: MoveResult["outcome"],
): MoveResult {
  return { label: manifest.label, archiveDir, movedPath: path.join(archiveDir, "moved.json"), moved, outcome };
}
