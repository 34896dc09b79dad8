import "server-only";
import { statSync } from "node:fs";
import Database from "better-sqlite3";

/**
 * Plain better-sqlite3 access to the control DB for the merge plan: a plan is up to ~100k
 * records plus their fields and summaries, written with prepared statements in one
 * transaction per batch (Prisma row by row would take minutes). Same file as the Prisma client.
 */
export function openControlSql(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  return db;
}

export function withControlSql<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = openControlSql(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Cheap identity of a source file for "is the plan still about these files": size and mtime. */
export function fileFingerprint(path: string): string {
  const stat = statSync(path);
  return `${stat.size}:${Math.trunc(stat.mtimeMs)}`;
}
