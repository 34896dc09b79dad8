import "server-only";
import path from "node:path";
import type { AppContext } from "../app-context";
import { listBackups, MANIFEST_FILE, type BackupListing, type BackupManifest } from "../backup";
import { describeSources, resolveSourcePaths, type SourceDescription } from "../sources/source-paths";
import { latestRun } from "../workflow/store";
import { isCancellableHere } from "./run-cancel";
import { manifestOfEvidence, readProcessingStopped, type ProcessingStopped } from "./backup-step";

/** What the Backup page shows besides the generic checks: confirmation, latest evidence, history. */
export type BackupView = {
  confirmation: ProcessingStopped | null;
  /** the latest run's backup, when that run produced one (a run refused by a bad source did not) */
  latest: { runId: number; manifest: BackupManifest; manifestPath: string } | null;
  /** why the latest run failed before producing a backup (a bad source, a full disk…) */
  latestError: { runId: number; error: string; cancelled: boolean } | null;
  backups: Array<BackupListing & { manifestPath: string }>;
  sources: { nas: string; dashboard: string; demo: boolean };
  /** where each source comes from: a file, a download URL (without its query), or the demo pair */
  origins: SourceDescription[];
  /** a run going now, and whether this panel process started it (then Cancel can stop it) */
  running: { runId: number; cancellable: boolean } | null;
  expectedCategorized: number;
};

export async function loadBackupView(ctx: AppContext): Promise<BackupView> {
  const [confirmation, latest] = await Promise.all([readProcessingStopped(ctx), latestRun(ctx.db, "backup")]);
  const manifest = latest ? manifestOfEvidence(ctx, latest.evidence) : null;
  return {
    confirmation: confirmation ?? null,
    latest:
      latest && manifest
        ? { runId: latest.id, manifest, manifestPath: path.join(manifest.backupDir, MANIFEST_FILE) }
        : null,
    latestError:
      latest?.error && !manifest
        ? { runId: latest.id, error: latest.error, cancelled: latest.status === "cancelled" }
        : null,
    backups: listBackups(ctx.paths.backupsDir).map((entry) => ({
      ...entry,
      manifestPath: path.join(entry.dir, MANIFEST_FILE),
    })),
    sources: resolveSourcePaths(ctx.env, ctx.paths),
    origins: describeSources(ctx.env, ctx.paths),
    running: latest?.status === "running" ? { runId: latest.id, cancellable: isCancellableHere(latest.id) } : null,
    expectedCategorized: ctx.env.expectedCategorized,
  };
}
