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

/** State (R, S, Z…) and start time (clock ticks since boot, field 22) from /proc/<pid>/stat; undefined where there is no /proc. */
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

/**
 * A process as recorded in a lock or a server record: its pid and, on Linux, its start time.
 * A pid is reused once its process is gone; the pair is not, so a record never names the wrong
 * process.
 */
export type ProcessIdentity = { pid: number; startTime?: string };

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

/**
 * Names one process for good, also across machines sharing a control DB: the machine's boot,
 * its pid namespace and the process's start time, as `boot/namespace/ticks`. Undefined where
 * /proc cannot tell (no such process, not Linux).
 */
export function processIdentity(pid: number = process.pid): string | undefined {
  const ticks = processStartTime(pid);
  const here = machineAndNamespace();
  return ticks && here ? `${here}/${ticks}` : undefined;
}

export type HolderVerdict = "alive" | "gone" | "unknown";

/**
 * Whether the process a record names (pid + processIdentity) is still running. "gone" only when
 * this machine can be sure: same boot and pid namespace, and that pid is now absent, a zombie or
 * another process. A record from another machine, container or boot is "unknown": its pid means
 * nothing here.
 */
export function recordedProcessState(pid: number, identity: string | null | undefined): HolderVerdict {
  if (!identity) return isProcessAlive(pid) ? "alive" : "gone";
  const here = machineAndNamespace();
  if (!here || !identity.startsWith(`${here}/`)) return "unknown";
  const ticks = identity.slice(here.length + 1);
  return isSameProcessAlive({ pid, startTime: ticks }) ? "alive" : "gone";
}

function machineAndNamespace(): string | undefined {
  try {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const namespace = readlinkSync("/proc/self/ns/pid").replace(/\D/g, "");
    return `${boot}/${namespace}`;
  } catch {
    return undefined;
  }
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
