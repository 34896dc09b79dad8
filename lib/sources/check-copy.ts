import { closeSync, openSync, readSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { OwnerFacingError } from "@/lib/workflow/types";
import { formatBytes } from "./sizes";

const HEADER = "SQLite format 3\0";

/**
 * A copy of a WAL source keeps the WAL flag in its header; switching the copy to a rollback
 * journal makes it one self-contained file that read-only opens never add -wal/-shm files to.
 * Only ever run on a copy this tool made, never on a source.
 */
export function makeStandalone(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
  } finally {
    db.close();
  }
}

export function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Proves a downloaded (or copied) source file is a whole SQLite database before anything uses
 * it: the header, the size its header declares, SQLite's quick_check; and makes it standalone.
 * `fail` turns a finding into the owner's line (it names the source, not this temp file).
 */
export function checkCopiedDatabase(file: string, fail: (text: string, kind: string) => OwnerFacingError): void {
  const header = Buffer.alloc(100);
  const fd = openSync(file, "r");
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString("latin1", 0, 16) !== HEADER) throw fail("is not a SQLite file", "source_invalid");
  const size = statSync(file).size;
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  // The page count in the header is only valid when the change counter matches "version-valid-for".
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  const declared = countValid ? header.readUInt32BE(28) * pageSize : 0;
  if (size % pageSize !== 0 || size < declared) {
    const of = declared ? ` of the ${formatBytes(declared)} its header declares` : "";
    throw fail(`is cut short: it holds ${formatBytes(size)}${of}`, "source_damaged");
  }
  try {
    makeStandalone(file);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const problems = (db.pragma("quick_check(5)") as Array<{ quick_check: string }>).map((row) => row.quick_check);
      if (problems.join() !== "ok") {
        const first = problems[0]!
          .replace(/\*\*\* in database \w+ \*\*\*/, "")
          .replace(/\s+/g, " ")
          .trim();
        throw fail(`is damaged (quick_check: ${first.slice(0, 100)})`, "source_damaged");
      }
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof OwnerFacingError) throw error;
    const code = String((error as { code?: unknown }).code ?? "");
    if (code === "SQLITE_NOTADB") throw fail("is not a SQLite file", "source_invalid");
    if (code.startsWith("SQLITE_CORRUPT")) throw fail("is damaged (SQLite reports it malformed)", "source_damaged");
    throw error;
  }
}
