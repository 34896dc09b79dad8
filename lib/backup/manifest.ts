import "server-only";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { compareBackupNamesNewestFirst, parseBackupDirName } from "./backup-name";

const tableSchema = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  rowCount: z.number().int(),
  fingerprint: z.string(),
});

const sourceSchema = z.object({
  role: z.enum(["nas", "dashboard"]),
  sourcePath: z.string(),
  snapshotFile: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  integrity: z.string(),
  tables: z.array(tableSchema),
  fingerprint: z.string(),
  categorized: z.number().int(),
  /** categorization rows the merge quarantines instead of counting (no valid key, a losing duplicate) */
  categorizationQuarantined: z.object({ invalidKey: z.number().int(), duplicateKey: z.number().int() }).optional(),
  restoreTest: z.object({
    ok: z.boolean(),
    sha256: z.string(),
    integrity: z.string(),
    fingerprint: z.string(),
    detail: z.string(),
  }),
  /** the live source re-read right after the snapshot: did it stay frozen? */
  stableAfterSnapshot: z.object({ ok: z.boolean(), detail: z.string() }),
});

export const manifestSchema = z.object({
  version: z.literal(1),
  backupId: z.string(),
  /** absolute folder at creation time; readers prefer where they actually found the manifest */
  backupDir: z.string(),
  createdAt: z.string(),
  status: z.literal("verified"),
  sources: z.array(sourceSchema),
  categorizedUnion: z.number().int(),
  expectedCategorized: z.number().int(),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type SourceManifest = z.infer<typeof sourceSchema>;

export const MANIFEST_FILE = "manifest.json";
export const FAILED_FILE = "FAILED";

/** Written last, atomically: a manifest on disk means every snapshot in the folder was verified. */
export function writeManifest(dir: string, manifest: BackupManifest): string {
  const file = path.join(dir, MANIFEST_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

export function readManifest(dir: string): BackupManifest {
  const raw = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), "utf8")) as unknown;
  return { ...manifestSchema.parse(raw), backupDir: dir };
}

export type BackupListing =
  | { id: string; dir: string; createdAt: string | null; status: "verified"; manifest: BackupManifest }
  | { id: string; dir: string; createdAt: string | null; status: "failed" | "incomplete"; reason: string };

/**
 * Earlier backups, newest first. A folder with a FAILED marker, an unreadable manifest or no
 * manifest at all (a crash, or a run still going) is listed as such, never as verified.
 */
export function listBackups(backupsDir: string): BackupListing[] {
  if (!existsSync(backupsDir)) return [];
  const names = readdirSync(backupsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && parseBackupDirName(entry.name) !== null)
    .map((entry) => entry.name)
    .sort(compareBackupNamesNewestFirst);
  return names.map((id): BackupListing => {
    const dir = path.join(backupsDir, id);
    const createdAt = parseBackupDirName(id)?.toISOString() ?? null;
    if (existsSync(path.join(dir, FAILED_FILE))) {
      return { id, dir, createdAt, status: "failed", reason: readFileSync(path.join(dir, FAILED_FILE), "utf8").trim() };
    }
    if (!existsSync(path.join(dir, MANIFEST_FILE))) {
      return { id, dir, createdAt, status: "incomplete", reason: "no manifest: the run did not finish" };
    }
    try {
      const manifest = readManifest(dir);
      return { id, dir, createdAt: manifest.createdAt, status: "verified", manifest };
    } catch {
      return { id, dir, createdAt, status: "failed", reason: "manifest.json is unreadable or malformed" };
    }
  });
}

/** The newest verified backup, or null. */
export function latestVerifiedBackup(backupsDir: string): BackupManifest | null {
  const found = listBackups(backupsDir).find((entry) => entry.status === "verified");
  return found && found.status === "verified" ? found.manifest : null;
}
