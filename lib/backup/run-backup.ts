import { toLiveSource, type FetchOptions, type LiveSource } from "@/lib/sources/live-source";
import { OwnerFacingError, type ProgressReporter, type StepOutcome } from "@/lib/workflow/types";
import { buildChecks, buildEvidence } from "./backup-outcome";
import { createBackupFolder, markBackupFailed } from "./backup-folder";
import { writeManifest, type BackupManifest, type SourceManifest } from "./manifest";
import { defaultIo, preflightSource, SOURCE_ROLES, type BackupIo } from "./source-access";
import { snapshotAndVerify, type VerifiedSnapshot } from "./verify-snapshot";

export type RunBackupOptions = {
  /** a plain path is a local file; see lib/sources/live-source.ts for URL sources */
  sources: { nas: string | LiveSource; dashboard: string | LiveSource };
  backupsDir: string;
  /** EXPECTED_CATEGORIZED: compared with the Dashboard's count, where the owner curated */
  expectedCategorized: number;
  onProgress?: ProgressReporter;
  now?: Date;
  /** test seams (unreadable source, full disk); see BackupIo */
  io?: BackupIo;
  busyTimeoutMs?: number;
  /** snapshot pages per backup step (the source is unlocked between steps) */
  pagesPerStep?: number;
  /** Cancel / Ctrl-C: the run stops at its next progress report, keeping nothing that looks valid */
  signal?: AbortSignal;
  /** download seams for tests (stall timeout, a self-signed certificate) */
  fetch?: Pick<FetchOptions, "stallMs" | "ca">;
};

export type RunBackupResult = {
  outcome: StepOutcome;
  backupDir: string;
  manifestPath: string;
  manifest: BackupManifest;
};

/**
 * Step 1's engine. Refuses bad sources before creating anything; otherwise snapshots and
 * verifies both, writes manifest.json last, and returns checks and evidence. Any failure
 * after the folder exists leaves it marked FAILED, and an OwnerFacingError says why.
 */
export async function runBackup(options: RunBackupOptions): Promise<RunBackupResult> {
  const io = options.io ?? defaultIo;
  const sources = {
    nas: toLiveSource("nas", options.sources.nas),
    dashboard: toLiveSource("dashboard", options.sources.dashboard),
  };
  for (const role of SOURCE_ROLES) preflightSource(role, sources[role], io, options.busyTimeoutMs);
  const onProgress = stopWhenAborted(options.onProgress, options.signal);
  const fetch = { ...options.fetch, signal: options.signal };
  const createdAt = options.now ?? new Date();
  const { id, dir } = createBackupFolder(options.backupsDir, createdAt);
  const verified: VerifiedSnapshot[] = [];
  let manifestPath: string;
  let manifest: BackupManifest;
  try {
    for (const role of SOURCE_ROLES) {
      verified.push(await snapshotAndVerify({ ...options, onProgress, fetch, role, source: sources[role], dir, io }));
    }
    const union = new Set(verified.flatMap((source) => source.categorizedKeys));
    manifest = {
      version: 1,
      backupId: id,
      backupDir: dir,
      createdAt: createdAt.toISOString(),
      status: "verified",
      sources: verified.map(withoutKeys),
      categorizedUnion: union.size,
      expectedCategorized: options.expectedCategorized,
    };
    manifestPath = writeManifest(dir, manifest);
  } catch (caught) {
    const error = diskError(caught, dir) ?? caught;
    markBackupFailed(dir, error instanceof Error ? error.message : String(error));
    throw error;
  }
  return {
    outcome: { checks: buildChecks(manifest), evidence: buildEvidence(manifest) },
    backupDir: dir,
    manifestPath,
    manifest,
  };
}

/** Every phase reports progress often, so a cancel is honoured within a moment wherever the run is. */
function stopWhenAborted(onProgress: ProgressReporter | undefined, signal: AbortSignal | undefined): ProgressReporter {
  return (progress) => {
    if (signal?.aborted)
      throw new OwnerFacingError(
        "Backup cancelled; this backup is marked failed and nothing in it was kept",
        "cancelled",
      );
    onProgress?.(progress);
  };
}

/** A full or read-only backup disk while hashing, restoring or writing the manifest. */
function diskError(error: unknown, dir: string): OwnerFacingError | undefined {
  if (error instanceof OwnerFacingError) return undefined;
  const code = String((error as { code?: unknown })?.code ?? "");
  if (code === "ENOSPC" || code.startsWith("SQLITE_FULL")) {
    return new OwnerFacingError(`Backup disk is full: the backup could not be written to ${dir}`, "disk_full");
  }
  if (code === "EROFS")
    return new OwnerFacingError(`Backup folder is not writable: ${dir} (${code})`, "backup_dir_unwritable");
  return undefined;
}

/** The manifest keeps counts; the per-video keys were only needed for the union. */
function withoutKeys(snapshot: VerifiedSnapshot): SourceManifest {
  const copy: Partial<VerifiedSnapshot> = { ...snapshot };
  delete copy.categorizedKeys;
  return copy as SourceManifest;
}
