import "server-only";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { inPlacePath, shownSource, type LiveSource } from "@/lib/sources/live-source";
import { ROLE_LABEL, type SourceRole } from "@/lib/sources/source-setting";
import { OwnerFacingError } from "@/lib/workflow/types";

export { ROLE_LABEL, SOURCE_ROLES, type SourceRole } from "@/lib/sources/source-setting";

/**
 * File-system seams. Tests run as root, where chmod 000 does not deny a read, so an
 * "unreadable source" is simulated by an openRead that throws EACCES; a full disk by a
 * beforeSnapshotStep that throws ENOSPC. Production uses the defaults.
 */
export type BackupIo = {
  openRead(path: string): number;
  beforeSnapshotStep?(role: SourceRole, pagesDone: number): void;
};
export const defaultIo: BackupIo = { openRead: (path) => openSync(path, "r") };

/** Short on purpose: a source held by another writer is reported, not waited for. */
export const DEFAULT_BUSY_TIMEOUT_MS = 1_000;

/** For files SQLite can read in place without creating any (see lib/sources/local-access.ts). */
export function openReadOnly(path: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
}

const SQLITE_HEADER = "SQLite format 3\0";

/**
 * Refuses a local source before anything is written: missing, a directory, unreadable, not
 * SQLite, locked, or without a content table. Opens briefly, reads the schema, closes. A file
 * that must be copied to be read (a WAL file nobody has open) is checked on its copy instead,
 * and a URL source on its download: there is nothing to look at before fetching it.
 */
export function preflightSource(role: SourceRole, source: LiveSource, io: BackupIo, busyTimeoutMs?: number): void {
  if (source.origin.kind !== "file") return;
  const path = source.origin.path;
  const label = ROLE_LABEL[role];
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw toOwnerFacing(role, path, error);
  }
  if (stat.isDirectory())
    throw new OwnerFacingError(`${label} database path is a directory, not a file: ${path}`, "source_invalid");
  const header = Buffer.alloc(16);
  try {
    const fd = io.openRead(path);
    try {
      readSync(fd, header, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw toOwnerFacing(role, path, error);
  }
  if (header.toString("latin1") !== SQLITE_HEADER) {
    throw new OwnerFacingError(`${label} database is not a SQLite file: ${path}`, "source_invalid");
  }
  const inPlace = inPlacePath(source);
  if (inPlace) assertContentTable(role, inPlace, shownSource(source), busyTimeoutMs);
}

/** `file` is what SQLite opens (the source, or our copy of it); `shown` names the source. */
export function assertContentTable(role: SourceRole, file: string, shown: string, busyTimeoutMs?: number): void {
  let db: Database.Database | undefined;
  try {
    db = openReadOnly(file, busyTimeoutMs);
    const content = db.prepare("SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = 'content'").get();
    if (!content)
      throw new OwnerFacingError(`${ROLE_LABEL[role]} database has no content table: ${shown}`, "source_invalid");
  } catch (error) {
    throw toOwnerFacing(role, shown, error);
  } finally {
    db?.close();
  }
}

/** Maps a file-system or SQLite error to the one line the owner reads. */
export function toOwnerFacing(role: SourceRole, path: string, error: unknown): OwnerFacingError {
  if (error instanceof OwnerFacingError) return error;
  const label = ROLE_LABEL[role];
  const code = String((error as { code?: unknown })?.code ?? "");
  const line = (text: string, kind: string) => new OwnerFacingError(`${label} database ${text}: ${path}`, kind);
  if (code === "ENOENT") return line("not found", "source_missing");
  if (code === "EACCES" || code === "EPERM") return line("is not readable (permission denied)", "source_unreadable");
  if (code === "EISDIR") return line("path is a directory, not a file", "source_invalid");
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return line("is locked by another process; stop it and retry", "source_locked");
  }
  if (code === "SQLITE_NOTADB") return line("is not a SQLite file", "source_invalid");
  if (code === "SOURCE_CHANGING") {
    return line("kept changing while it was read; stop whatever writes to it and retry", "source_locked");
  }
  if (code.startsWith("SQLITE_CORRUPT") || code.startsWith("SQLITE_IOERR_SHORT_READ")) {
    return line("is damaged (SQLite reports it malformed)", "source_damaged");
  }
  if (code.startsWith("SQLITE_CANTOPEN"))
    return line("cannot be opened (permission or path problem)", "source_unreadable");
  if (code.startsWith("SQLITE_READONLY")) {
    return line("has an unfinished write (hot journal) that only its owner can recover", "source_locked");
  }
  const message = error instanceof Error ? error.message : String(error);
  return line(`could not be read (${code || message})`, "source_unreadable");
}
