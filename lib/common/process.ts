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
 * Names one process for good: the machine's boot, its pid namespace and the process's start
 * time (clock ticks since boot, field 22 of /proc/<pid>/stat), as `boot/namespace/ticks`. A pid
 * alone is reused once its process is gone. Undefined where /proc cannot tell (no such process,
 * not Linux).
 */
export function processIdentity(pid: number = process.pid): string | undefined {
  const ticks = startTicks(pid);
  const here = machineAndNamespace();
  return ticks && here ? `${here}/${ticks}` : undefined;
}

export type HolderVerdict = "alive" | "gone" | "unknown";

/**
 * Whether the process a record names (pid + identity) is still running. "gone" only when this
 * machine can be sure: same boot and pid namespace, and that pid is now absent or another
 * process. A record from another machine, container or boot is "unknown": its pid means
 * nothing here.
 */
export function recordedProcessState(pid: number, identity: string | null | undefined): HolderVerdict {
  if (!identity) return isProcessAlive(pid) ? "alive" : "gone";
  const here = machineAndNamespace();
  if (!here || !identity.startsWith(`${here}/`)) return "unknown";
  return processIdentity(pid) === identity ? "alive" : "gone";
}

function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) is in parentheses and may hold spaces: count fields after it
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19];
  } catch {
    return undefined;
  }
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
