import "server-only";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OwnerFacingError } from "@/lib/workflow/types";
import { backupDirName } from "./backup-name";
import { FAILED_FILE } from "./manifest";

/** Creates `<backupsDir>/<UTC timestamp>`; a second backup within the same second gets a -2 suffix. */
export function createBackupFolder(backupsDir: string, at: Date): { id: string; dir: string } {
  const base = backupDirName(at);
  try {
    // Private, like the data dir: the snapshots are the owner's data (lib/config/data-dir.ts).
    mkdirSync(backupsDir, { recursive: true, mode: 0o700 });
    for (let attempt = 1; ; attempt++) {
      const id = attempt === 1 ? base : `${base}-${attempt}`;
      const dir = path.join(backupsDir, id);
      try {
        mkdirSync(dir);
        return { id, dir };
      } catch (error) {
        if ((error as { code?: string }).code !== "EEXIST" || attempt > 100) throw error;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? "error";
    throw new OwnerFacingError(`Backup folder is not writable: ${backupsDir} (${code})`, "backup_dir_unwritable");
  }
}

/**
 * Leaves a failed run unmistakable: every database file in the folder is removed (a good NAS
 * copy beside a failed Dashboard copy is not a backup) and FAILED states why. If even that
 * cannot be written (a full disk), the folder goes entirely.
 */
export function markBackupFailed(dir: string, reason: string): void {
  try {
    for (const name of readdirSync(dir)) {
      if (name !== FAILED_FILE) rmSync(path.join(dir, name), { force: true, recursive: true });
    }
    writeFileSync(path.join(dir, FAILED_FILE), `${reason}\n`);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}
