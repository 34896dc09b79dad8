import "server-only";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AppContext } from "@/lib/app-context";
import type { BackupManifest } from "@/lib/backup/manifest";
import type { FreezeResult, ProvenBytes } from "@/lib/backup/freeze";
import { nowNs, settledFileWitness } from "@/lib/sources/file-witness";
import { liveSourcesOf } from "@/lib/sources/source-paths";
import { SOURCE_ROLES } from "@/lib/sources/source-setting";

/**
 * What shows that a local source has not been written since a moment: the witness
 * (lib/sources/file-witness.ts) of the file and of its `-wal`. So when the witness taken before a
 * source's logical fingerprint matched the backup is the one seen now, the source still holds
 * the rows that were proved, without reading them again. A URL source has no witness: it is
 * downloaded afresh each time, and always proved by reading it.
 */
export type SourcesWitness = string | null;

let unsettled = 0;

/**
 * Both sources' witness now; null when either is not a local file. A source written moments ago
 * gets a witness equal to no other, so it is never taken as unchanged.
 */
export function sourcesWitness(ctx: AppContext): SourcesWitness {
  const sources = liveSourcesOf(ctx.env, ctx.paths);
  const now = nowNs();
  const parts: string[] = [];
  for (const role of SOURCE_ROLES) {
    const origin = sources[role].origin;
    if (origin.kind !== "file") return null;
    const main = settledFileWitness(origin.path, now);
    const wal = settledFileWitness(`${origin.path}-wal`, now);
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

type RecordedBytes = { backupId: string; bytes: ProvenBytes };

function bytesFile(ctx: AppContext) {
  return path.join(ctx.paths.dataDir, "freeze-bytes.json");
}

/** The source bytes proved to hold backup `backupId`'s rows (lib/backup/byte-identity.ts). */
export function provenBytesOf(ctx: AppContext, backupId: string): ProvenBytes {
  try {
    const recorded = JSON.parse(readFileSync(bytesFile(ctx), "utf8")) as RecordedBytes;
    return recorded.backupId === backupId ? recorded.bytes : {};
  } catch {
    return {};
  }
}

function writeProvenBytes(ctx: AppContext, backupId: string, bytes: ProvenBytes) {
  const file = bytesFile(ctx);
  writeFileSync(`${file}.tmp`, JSON.stringify({ backupId, bytes } satisfies RecordedBytes));
  renameSync(`${file}.tmp`, file);
}

/** The freeze check against backup `manifest`, proving by proven bytes where it can and keeping what it newly proved. */
export async function checkFreezeRemembering(
  ctx: AppContext,
  manifest: BackupManifest,
  check: (provenBytes: ProvenBytes) => Promise<FreezeResult>,
): Promise<FreezeResult> {
  const known = provenBytesOf(ctx, manifest.backupId);
  const result = await check(known);
  const learned = result.sources.filter((source) => source.provenBytes && source.provenBytes !== known[source.role]);
  if (learned.length > 0) {
    const bytes = { ...known };
    for (const source of learned) bytes[source.role] = source.provenBytes;
    writeProvenBytes(ctx, manifest.backupId, bytes);
  }
  return result;
}
