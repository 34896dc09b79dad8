import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { currentProcessIdentity, isSameProcessAlive, type ProcessIdentity } from "../common/process";
import { OwnerFacingError } from "../workflow/types";

/**
 * One panel per data dir: a lock file created exclusively by the process that serves the panel
 * (the launcher is that process: see scripts/start.ts), naming it by pid and start time, and its
 * URL. A lock whose process is gone, or whose pid now belongs to another process, is stale and
 * is taken over.
 */
type PanelLock = ProcessIdentity & { url: string; startedAt: string };

export function acquirePanelLock(file: string, url: string): () => void {
  const mine: PanelLock = { ...currentProcessIdentity(), url, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: "wx", mode: 0o600 });
      return () => releasePanelLock(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(file);
      if (holder && isSameProcessAlive(holder)) {
        throw new OwnerFacingError(
          `A panel is already running on this data dir (pid ${holder.pid}, ${holder.url}). Stop it first, or set CUTOVER_DATA_DIR to another directory.`,
          "already-running",
        );
      }
      setAsideStaleLock(file, holder);
    }
  }
  throw new OwnerFacingError(`Could not take the panel lock ${file}: another start is taking it at the same time.`);
}

/**
 * Moves a stale lock aside by rename, which only one of two racing starts can do. Should the
 * file moved turn out to be a fresh lock another start created meanwhile, it is put back.
 */
function setAsideStaleLock(file: string, stale: PanelLock | undefined) {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  const moved = readLock(aside);
  const same = moved?.pid === stale?.pid && moved?.startTime === stale?.startTime;
  if (moved && !same && isSameProcessAlive(moved)) {
    try {
      linkSync(aside, file);
    } catch {
      // yet another lock is in place: that one stands
    }
  }
  rmSync(aside, { force: true });
}

function readLock(file: string): PanelLock | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PanelLock;
  } catch {
    return undefined;
  }
}

function releasePanelLock(file: string) {
  const holder = readLock(file);
  const me = currentProcessIdentity();
  if (holder?.pid === me.pid && holder.startTime === me.startTime) rmSync(file, { force: true });
}

/** The live panel on this data dir, if one is running. */
export function runningPanel(file: string): { pid: number; url: string } | undefined {
  const holder = readLock(file);
  return holder && isSameProcessAlive(holder) ? { pid: holder.pid, url: holder.url } : undefined;
}

/** The URL of the live panel on this data dir, if one is running. */
export function runningPanelUrl(file: string): string | undefined {
  return runningPanel(file)?.url;
}
