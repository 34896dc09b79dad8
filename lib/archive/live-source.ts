import { statSync } from "node:fs";
import { fingerprintDatabase, type DatabaseFingerprint } from "@/lib/backup/fingerprint";
import { defaultIo, openReadOnly, preflightSource, toOwnerFacing } from "@/lib/backup/source-access";
import { toLiveSource, withLiveSource } from "@/lib/sources/live-source";
import type { ProgressReporter } from "@/lib/workflow/types";
import type { ArchiveLabel } from "./manifest";

/**
 * Reads a live source the way the backup does (through the source reader, so nothing is
 * created beside it; read-only, same refusals in the same words: missing, not SQLite, locked,
 * damaged) and returns its logical fingerprint, which sees the main file and any committed
 * pages still in its -wal.
 */
export async function fingerprintLiveSource(
  label: ArchiveLabel,
  file: string,
  onProgress?: ProgressReporter,
): Promise<DatabaseFingerprint> {
  const source = toLiveSource(label, file);
  preflightSource(label, source, defaultIo);
  return withLiveSource(source, { onProgress }, (readable) => fingerprintFile(label, readable, onProgress));
}

async function fingerprintFile(
  label: ArchiveLabel,
  file: string,
  onProgress?: ProgressReporter,
): Promise<DatabaseFingerprint> {
  let db;
  try {
    db = openReadOnly(file);
  } catch (error) {
    throw toOwnerFacing(label, file, error);
  }
  try {
    return await fingerprintDatabase(db, { phase: `fingerprint ${label}`, onProgress });
  } catch (error) {
    throw toOwnerFacing(label, file, error);
  } finally {
    db.close();
  }
}

export const SIDECARS = ["-wal", "-shm", "-journal"] as const;
export type Sidecar = (typeof SIDECARS)[number];

/** Sizes of the files SQLite keeps beside a database; null when absent. */
export function sidecarSizes(file: string): Record<Sidecar, number | null> {
  const size = (suffix: Sidecar) => {
    try {
      return statSync(`${file}${suffix}`).size;
    } catch {
      return null;
    }
  };
  return { "-wal": size("-wal"), "-shm": size("-shm"), "-journal": size("-journal") };
}
