import "server-only";
import { existsSync } from "node:fs";
import { makeStandalone, removeDatabaseFiles } from "@/lib/sources/check-copy";
import type { ProgressReporter } from "@/lib/workflow/types";
import { DEFAULT_BUSY_TIMEOUT_MS, defaultIo, openReadOnly, type BackupIo, type SourceRole } from "./source-access";

export type SnapshotOptions = {
  role: SourceRole;
  sourcePath: string;
  /** a temporary name (e.g. nas.db.partial); the caller renames it once verified */
  destPath: string;
  io?: BackupIo;
  busyTimeoutMs?: number;
  onProgress?: ProgressReporter;
  /** pages copied per step; between steps the source is unlocked so its writer can go on */
  pagesPerStep?: number;
};

/** After this many restarts (a writer kept changing the source) the rest is copied in one step. */
const MAX_RESTARTS = 20;

/**
 * Copies a live source with SQLite's online backup API; only for a source SQLite reads in place
 * (lib/sources/local-access.ts: the others are copied by the source reader). The source is
 * opened read-only and only read-locked during each step. A write by another connection makes
 * SQLite restart the copy, so the result is always one consistent state. On failure the
 * partial file is removed.
 */
export async function snapshotSource(options: SnapshotOptions): Promise<{ pages: number }> {
  const io = options.io ?? defaultIo;
  const pagesPerStep = options.pagesPerStep ?? 1_024;
  const phase = `snapshot ${options.role}`;
  const source = openReadOnly(options.sourcePath, options.busyTimeoutMs);
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  let lastDone = 0;
  let lastMovedAt = Date.now();
  let restarts = 0;
  let pages = 0;
  try {
    const result = await source.backup(options.destPath, {
      progress: ({ totalPages, remainingPages }) => {
        const done = totalPages - remainingPages;
        if (done < lastDone) restarts++;
        // better-sqlite3 retries a step that found the source locked, forever; we give up like a busy timeout.
        if (done !== lastDone) lastMovedAt = Date.now();
        else if (Date.now() - lastMovedAt > busyTimeoutMs) throw lockedError();
        lastDone = done;
        io.beforeSnapshotStep?.(options.role, done);
        options.onProgress?.({ phase, done, total: totalPages, unit: "pages" });
        return restarts >= MAX_RESTARTS ? 0x7fffffff : pagesPerStep;
      },
    });
    // A first step that found the source locked ends "done" with nothing copied.
    if (result.totalPages === 0 || !existsSync(options.destPath)) throw lockedError();
    pages = result.totalPages;
    options.onProgress?.({ phase, done: pages, total: pages, unit: "pages" });
  } catch (error) {
    removeDatabaseFiles(options.destPath);
    throw error;
  } finally {
    source.close();
  }
  try {
    makeStandalone(options.destPath);
  } catch (error) {
    removeDatabaseFiles(options.destPath);
    throw error;
  }
  return { pages };
}

function lockedError(): Error {
  return Object.assign(new Error("source database is locked"), { code: "SQLITE_BUSY" });
}
