import "server-only";
import { renameSync } from "node:fs";
import path from "node:path";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { fetchLiveCopy, inPlacePath, shownSource, type FetchOptions, type LiveSource } from "@/lib/sources/live-source";
import { countCategorizationRecords } from "@/lib/sources/categorization-count";
import { fileSha256, fingerprintDatabase, integrityCheck } from "./fingerprint";
import type { SourceManifest } from "./manifest";
import { restoreTest } from "./restore-test";
import { snapshotSource } from "./snapshot";
import { checkSourceFreeze } from "./freeze";
import {
  assertContentTable,
  openReadOnly,
  ROLE_LABEL,
  toOwnerFacing,
  type BackupIo,
  type SourceRole,
} from "./source-access";
import { countOf } from "@/lib/common/plural";

export type VerifiedSnapshot = SourceManifest & { categorizedKeys: string[] };

/**
 * One source, start to finish: snapshot to `<role>.db.partial` (SQLite's backup API for a file
 * read in place; otherwise the source reader's fresh copy or download, which is the snapshot),
 * integrity check, fingerprint, categorization count, restore test; only then renamed to
 * `<role>.db`. Last, the live source is read again to show it did not move meanwhile.
 */
export async function snapshotAndVerify(options: {
  role: SourceRole;
  source: LiveSource;
  dir: string;
  io?: BackupIo;
  busyTimeoutMs?: number;
  pagesPerStep?: number;
  onProgress?: ProgressReporter;
  fetch?: FetchOptions;
}): Promise<VerifiedSnapshot> {
  const { role, source, dir, onProgress } = options;
  const sourcePath = shownSource(source);
  const label = ROLE_LABEL[role];
  const snapshotFile = `${role}.db`;
  const partial = path.join(dir, `${snapshotFile}.partial`);
  try {
    const inPlace = inPlacePath(source);
    if (inPlace) {
      await snapshotSource({
        role,
        sourcePath: inPlace,
        destPath: partial,
        io: options.io,
        busyTimeoutMs: options.busyTimeoutMs,
        pagesPerStep: options.pagesPerStep,
        onProgress,
      });
    } else {
      await fetchLiveCopy(source, partial, { ...options.fetch, onProgress });
    }
  } catch (error) {
    throw mapSnapshotError(role, sourcePath, dir, error);
  }
  assertContentTable(role, partial, sourcePath);
  const db = openReadOnly(partial);
  let integrity: string;
  let fingerprint;
  let categorized;
  try {
    onProgress?.({ phase: `integrity ${role}`, done: 0, total: 1, unit: "checks" });
    integrity = integrityCheck(db);
    onProgress?.({ phase: `integrity ${role}`, done: 1, total: 1, unit: "checks" });
    if (integrity !== "ok") {
      const problems = integrity.split("; ");
      const count = problems.length >= 20 ? "20+ problems" : countOf(problems.length, "problem");
      throw new OwnerFacingError(
        `${label} database is damaged (integrity check found ${count}, first: ${problems[0]!.slice(0, 100)}): ${sourcePath}`,
        "source_damaged",
      );
    }
    fingerprint = await fingerprintDatabase(db, { phase: `fingerprint ${role}`, onProgress });
    categorized = await countCategorizationRecords(db, { phase: `categorization ${role}`, onProgress });
  } catch (error) {
    throw toOwnerFacing(role, sourcePath, error);
  } finally {
    db.close();
  }
  const file = await fileSha256(partial, { phase: `sha256 ${role}`, onProgress });
  const restore = await restoreTest({
    snapshotPath: partial,
    tempPath: path.join(dir, `${role}.restore-test.db`),
    expected: { sha256: file.sha256, fingerprint: fingerprint.fingerprint },
    phase: `restore test ${role}`,
    onProgress,
  });
  if (!restore.ok) throw new OwnerFacingError(`${label} restore test failed: ${restore.detail}`, "restore_failed");
  renameSync(partial, path.join(dir, snapshotFile));
  const stable = await checkSourceFreeze(role, source, fingerprint.tables, path.join(dir, snapshotFile), {
    ...options,
    ...options.fetch,
  });
  return {
    role,
    sourcePath,
    snapshotFile,
    sha256: file.sha256,
    sizeBytes: file.sizeBytes,
    integrity,
    tables: fingerprint.tables,
    fingerprint: fingerprint.fingerprint,
    categorized: categorized.count,
    ...(categorized.quarantined.invalidKey + categorized.quarantined.duplicateKey > 0
      ? { categorizationQuarantined: categorized.quarantined }
      : {}),
    categorizedKeys: categorized.keys,
    restoreTest: restore,
    stableAfterSnapshot: { ok: stable.ok, detail: stable.detail },
  };
}

function mapSnapshotError(role: SourceRole, sourcePath: string, dir: string, error: unknown): OwnerFacingError {
  const code = String((error as { code?: unknown })?.code ?? "");
  if (code === "ENOSPC" || code.startsWith("SQLITE_FULL")) {
    return new OwnerFacingError(
      `Backup disk is full: the ${ROLE_LABEL[role]} snapshot could not be written to ${dir}`,
      "disk_full",
    );
  }
  if (code === "EROFS" || (code === "EACCES" && !String((error as Error).message).includes(sourcePath))) {
    return new OwnerFacingError(`Backup folder is not writable: ${dir} (${code})`, "backup_dir_unwritable");
  }
  return toOwnerFacing(role, sourcePath, error);
}
