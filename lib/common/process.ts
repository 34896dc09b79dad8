import { readFileSync, readlinkSync } from "node:fs";

/** True when a process with this pid exists on this machine (EPERM means it exists but is not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A process as recorded in a lock or a server record: its pid and, on Linux, its start time
 * (field 22 of /proc/<pid>/stat, clock ticks since boot). A pid is reused once its process is
 * gone; the pair is not, so a record never names the wrong process.
 */
export type ProcessIdentity = { pid: number; startTime?: string };

/** State (R, S, Z…) and start time from /proc/<pid>/stat; undefined where there is no /proc. */
function readStat(pid: number): { state: string; startTime: string } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself hold spaces or ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0]!, startTime: fields[19]! };
}

export function processStartTime(pid: number): string | undefined {
  return readStat(pid)?.startTime;
}

export function currentProcessIdentity(): ProcessIdentity {
  return { pid: process.pid, startTime: processStartTime(process.pid) };
}

/**
 * The recorded process is still running: same pid, not a zombie (killed, not yet reaped by its
 * parent) and, where both are known, the same start time.
 */
export function isSameProcessAlive(identity: ProcessIdentity): boolean {
  if (!Number.isInteger(identity.pid) || identity.pid <= 0 || !isProcessAlive(identity.pid)) return false;
  const stat = readStat(identity.pid);
  if (!stat) return isProcessAlive(identity.pid);
  if (stat.state === "Z") return false;
  return !identity.startTime || stat.startTime === identity.startTime;
}

/** Where a live process runs from, when the system says (Linux); PostgreSQL runs from its data dir. */
export function processWorkingDir(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

export async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isProcessAlive(pid);
}
