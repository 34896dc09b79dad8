import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { isProcessAlive } from "../common/process";
import { OwnerFacingError } from "../workflow/types";

/**
 * One panel per data dir: a lock file created exclusively, naming the owning process and
 * its URL. A lock left by a dead process is taken over.
 */
type PanelLock = { pid: number; url: string; startedAt: string };

export function acquirePanelLock(file: string, url: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, url, startedAt: new Date().toISOString() }), {
        flag: "wx",
      });
      return () => releasePanelLock(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(file);
      if (holder && isProcessAlive(holder.pid)) {
        throw new OwnerFacingError(
          `A panel is already running on this data dir (pid ${holder.pid}, ${holder.url}). Stop it first, or set CUTOVER_DATA_DIR to another directory.`,
          "already-running",
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new OwnerFacingError(`Could not take the panel lock ${file}.`);
}

function readLock(file: string): PanelLock | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PanelLock;
  } catch {
    return undefined;
  }
}

function releasePanelLock(file: string) {
  if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
}

/** The URL of the live panel on this data dir, if one is running. */
export function runningPanelUrl(file: string): string | undefined {
  const holder = readLock(file);
  return holder && isProcessAlive(holder.pid) ? holder.url : undefined;
}
