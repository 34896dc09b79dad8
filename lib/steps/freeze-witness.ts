import "server-only";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AppContext } from "@/lib/app-context";
import { liveSourcesOf } from "@/lib/sources/source-paths";
import { SOURCE_ROLES } from "@/lib/sources/source-setting";

/**
 * What shows that a local source has not been written since a moment: the device, inode, size,
 * mtime and ctime (nanoseconds) of the file and of its `-wal`. A write, a truncate or another file
 * moved into its place changes one of them, and ctime cannot be set back from user space. So when
 * the witness taken before a source's logical fingerprint matched the backup is the one seen now,
 * the source still holds the rows that were proved, without reading them again. A URL source has
 * no witness: it is downloaded afresh each time, and always proved by reading it.
 */
export type SourcesWitness = string | null;

/**
 * Linux stamps files with a clock that advances in ticks of a few milliseconds, so a second write
 * within the tick of the one before could leave mtime and ctime as they were. A file written in
 * the last two seconds therefore has no witness: it is always read.
 */
const SETTLED_NS = 2_000_000_000n;

function fileWitness(file: string, now: bigint): string | null {
  try {
    const s = statSync(file, { bigint: true });
    if (now - s.ctimeNs < SETTLED_NS || now - s.mtimeNs < SETTLED_NS) return null;
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return "-";
  }
}

let unsettled = 0;

/**
 * Both sources' witness now; null when either is not a local file. A source written moments ago
 * gets a witness equal to no other, so it is never taken as unchanged.
 */
export function sourcesWitness(ctx: AppContext): SourcesWitness {
  const sources = liveSourcesOf(ctx.env, ctx.paths);
  const now = BigInt(Date.now()) * 1_000_000n;
  const parts: string[] = [];
  for (const role of SOURCE_ROLES) {
    const origin = sources[role].origin;
    if (origin.kind !== "file") return null;
    const main = fileWitness(origin.path, now);
    const wal = fileWitness(`${origin.path}-wal`, now);
    if (main === null || wal === null) return `unsettled #${++unsettled} in process ${process.pid}`;
    parts.push(`${role}=${main}|${wal}`);
  }
  return parts.join(";");
}

type Recorded = { approvalId: number; backupId: string; witness: string };

function witnessFile(ctx: AppContext) {
  return path.join(ctx.paths.dataDir, "freeze-witness.json");
}

/** Records that both sources, as `witness` shows them, fingerprinted as the approved backup `backupId`. */
export function recordProvedWitness(
  ctx: AppContext,
  proof: { approvalId: number; backupId: string },
  witness: SourcesWitness,
) {
  if (witness === null) return;
  writeFileSync(witnessFile(ctx), JSON.stringify({ ...proof, witness } satisfies Recorded));
}

/** True when the sources are untouched since they last fingerprinted as this very approved backup. */
export function provedUnchanged(ctx: AppContext, proof: { approvalId: number; backupId: string }): boolean {
  const now = sourcesWitness(ctx);
  if (now === null) return false;
  try {
    const recorded = JSON.parse(readFileSync(witnessFile(ctx), "utf8")) as Recorded;
    return recorded.approvalId === proof.approvalId && recorded.backupId === proof.backupId && recorded.witness === now;
  } catch {
    return false;
  }
}
