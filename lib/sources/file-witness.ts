import { statSync } from "node:fs";

/**
 * What shows that a local file has not been written since a moment: its device, inode, size,
 * mtime and ctime in nanoseconds. A write, a truncate or another file moved into its place
 * changes one of them, and ctime cannot be set back from user space.
 *
 * Linux stamps files with a clock that advances in ticks of a few milliseconds, so a second write
 * within the tick of the one before could leave mtime and ctime as they were. A file written in
 * the last two seconds therefore has no witness (null): whoever relies on one must read it.
 */
const SETTLED_NS = 2_000_000_000n;

export const nowNs = () => BigInt(Date.now()) * 1_000_000n;

/** The file's witness, "-" when there is no such file, null when it was written moments ago. */
export function settledFileWitness(file: string, now: bigint = nowNs()): string | null {
  try {
    const s = statSync(file, { bigint: true });
    if (now - s.ctimeNs < SETTLED_NS || now - s.mtimeNs < SETTLED_NS) return null;
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return "-";
  }
}
