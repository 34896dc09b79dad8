import "server-only";
import { statSync } from "node:fs";
import type { ProgressReporter } from "@/lib/workflow/types";
import { nowNs, settledFileWitness } from "@/lib/sources/file-witness";
import { fileSha256 } from "./fingerprint";

/**
 * A SQLite file whose rows are all in its own bytes (no `-wal` frames, no hot `-journal`) holds
 * the same rows as any file with the same bytes. So once a freeze check has read a source's rows
 * and found the backup's, the SHA-256 of its bytes at that moment proves a later check by one
 * sequential read of the file (about 1 GB/s here) instead of every row through SQLite (about
 * 40,000 rows/s): "proven bytes". Any change to the file changes its bytes, and so goes back to
 * the row-by-row check, which names what changed.
 */
export type FileBytes = {
  sha256: string;
  /** the file's witness (with its -wal and -journal) before the read; null when written moments ago */
  witness: string | null;
};

const companions = (file: string) => [`${file}-wal`, `${file}-journal`];

function emptyOrMissing(file: string): boolean {
  try {
    return statSync(file).size === 0;
  } catch {
    return true;
  }
}

/** Witness of the file and its companions, null when any was written in the last two seconds. */
function bytesWitness(file: string): string | null {
  const now = nowNs();
  const parts = [file, ...companions(file)].map((f) => settledFileWitness(f, now));
  return parts.includes(null) ? null : parts.join("|");
}

/**
 * The SHA-256 of a SQLite file's bytes when they alone hold its rows (its -wal and -journal are
 * missing or empty before and after the read); null when they do not.
 */
export async function selfContainedBytes(
  file: string,
  progress: { phase: string; onProgress?: ProgressReporter },
): Promise<FileBytes | null> {
  if (!companions(file).every(emptyOrMissing)) return null;
  const witness = bytesWitness(file);
  const { sha256 } = await fileSha256(file, progress);
  if (!companions(file).every(emptyOrMissing)) return null;
  return { sha256, witness };
}

/**
 * True when `bytes` were read from the file as it still is: its witness, taken before that read
 * and settled, is the one seen now. Rows read from the file in between are then those bytes' rows.
 */
export function unwrittenSince(file: string, bytes: FileBytes): boolean {
  return bytes.witness !== null && bytesWitness(file) === bytes.witness;
}
