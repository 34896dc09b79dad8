import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { checkCopiedDatabase, removeDatabaseFiles } from "./check-copy";
import { downloadFailure, downloadSource } from "./download";
import { localAccess } from "./local-access";
import { sameBytes } from "./same-bytes";
import { ROLE_LABEL, shownOrigin, type SourceOrigin, type SourceRole } from "./source-setting";
import { copyStableFile } from "./stable-copy";

/**
 * The source reader: every step that reads a live source gets from here a local, read-only
 * SQLite file holding what the source holds now. A local file is read in place when SQLite can
 * do so without creating anything beside it (see local-access.ts); otherwise, and for a URL
 * (the Dashboard on its host), a fresh copy is made in this tool's own folder, proven whole,
 * and read instead.
 */
export type LiveSource = {
  role: SourceRole;
  origin: SourceOrigin;
  /** for a URL; a secret: it goes into the request header and nowhere else */
  token?: string;
  /** where fresh copies are made (the data dir's sources/); a temp folder when not given */
  workDir?: string;
  /** a configured source keeps its latest fresh copy here, for the merge to read (source-paths.ts) */
  mirror?: string;
};

export type FetchOptions = {
  onProgress?: ProgressReporter;
  signal?: AbortSignal;
  /** download seams for tests: a short stall timeout, a self-signed certificate to trust */
  stallMs?: number;
  ca?: string | Buffer;
};

export function shownSource(source: LiveSource): string {
  return shownOrigin(source.origin);
}

/** A plain path (tests, older callers) is a local file source. */
export function toLiveSource(role: SourceRole, source: string | LiveSource): LiveSource {
  return typeof source === "string" ? { role, origin: { kind: "file", path: source } } : source;
}

/** The live file itself when it can be read in place now, else undefined (a copy is needed). */
export function inPlacePath(source: LiveSource): string | undefined {
  if (source.origin.kind !== "file") return undefined;
  const access = localAccess(source.origin.path);
  if (access.kind === "locked") {
    throw new OwnerFacingError(
      `${ROLE_LABEL[source.role]} database is locked by another process (${access.reason}); stop it and retry: ${source.origin.path}`,
      "source_locked",
    );
  }
  return access.kind === "in-place" ? source.origin.path : undefined;
}

/**
 * Puts a fresh, verified, standalone copy of the live source at `dest`: downloaded (URL) or
 * copied while provably unchanged (local file). Nothing is left at `dest` on failure.
 */
export async function fetchLiveCopy(source: LiveSource, dest: string, options: FetchOptions = {}): Promise<void> {
  const label = ROLE_LABEL[source.role];
  try {
    if (source.origin.kind === "url") {
      await downloadSource({ role: source.role, url: source.origin.url, token: source.token, dest, ...options });
      checkCopiedDatabase(dest, (text, kind) => downloadFailure(source.role, text, kind));
    } else {
      await copyStableFile(source.origin.path, dest, { phase: `copy ${source.role}`, ...options });
      const where = shownSource(source);
      checkCopiedDatabase(dest, (text, kind) => new OwnerFacingError(`${label} database ${text}: ${where}`, kind));
    }
  } catch (error) {
    removeDatabaseFiles(dest);
    if ((error as { name?: string })?.name === "AbortError") {
      throw new OwnerFacingError(`${label} read cancelled; nothing was kept`, "cancelled");
    }
    throw error;
  }
}

/**
 * Runs `read` on a local file that is the live source now. A fresh copy is removed afterwards,
 * or, for a configured source, kept as its mirror (replacing the old one only when its bytes
 * differ, so a plan made from the mirror stays current while the source does not change).
 */
export async function withLiveSource<T>(
  source: LiveSource,
  options: FetchOptions,
  read: (file: string) => Promise<T>,
): Promise<T> {
  const inPlace = inPlacePath(source);
  if (inPlace) return read(inPlace);
  const temp = freshCopyPath(source);
  await fetchLiveCopy(source, temp, options);
  try {
    const result = await read(temp);
    if (source.mirror) await publishMirror(temp, source.mirror);
    return result;
  } finally {
    removeDatabaseFiles(temp);
  }
}

/** Keeps a verified copy as the mirror; an identical mirror is left as it is (same mtime). */
export async function publishMirror(copy: string, mirror: string): Promise<void> {
  if (await sameBytes(copy, mirror)) return;
  renameSync(copy, mirror);
}

/** `<workDir>/<role>.<pid>.<random>.partial`: never mistaken for a database, and owned by one process. */
function freshCopyPath(source: LiveSource): string {
  const dir = source.workDir ?? path.join(os.tmpdir(), "ytv2-cutover-sources");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  removeOrphanedCopies(dir);
  return path.join(dir, `${source.role}.${process.pid}.${randomBytes(4).toString("hex")}.partial`);
}

/** Copies left by a process that died mid-read (killed, out of memory); never another live process's. */
function removeOrphanedCopies(dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = /^(?:nas|dashboard)\.(\d+)\.[0-9a-f]+\.partial(?:-journal|-wal|-shm)?$/.exec(name);
    if (match && !processAlive(Number(match[1]))) rmSync(path.join(dir, name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}
