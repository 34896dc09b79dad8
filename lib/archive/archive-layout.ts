import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { backupDirName, compareBackupNamesNewestFirst, parseBackupDirName } from "@/lib/backup/backup-name";
import {
  MANIFEST_FILE,
  readArchiveManifest,
  readMoved,
  type ArchiveLabel,
  type ArchiveManifest,
  type MovedRecord,
} from "./manifest";

/**
 * An archive is built in `<root>/.partial-<label>-<UTC time>/` and renamed to `<root>/<UTC time>/`
 * only once its archive file is verified and its manifest written, so a folder named by a time
 * is always complete, and a rerun finds its own interrupted work by the label in the name.
 */
export const ORIGINAL_DIR = "original";

export function archiveFileName(label: ArchiveLabel): string {
  return `${label}.db.gz`;
}

/** Files a run writes before the folder is renamed; a rerun clears exactly these. */
export function workFileNames(label: ArchiveLabel): string[] {
  const archive = archiveFileName(label);
  const restore = `${label}.restore-test.db`;
  return [
    `${archive}.partial`,
    archive,
    `${MANIFEST_FILE}.tmp`,
    MANIFEST_FILE,
    ...["", "-journal", "-wal", "-shm"].map((suffix) => `${restore}${suffix}`),
  ];
}

export function archiveIdFor(at: Date): string {
  return backupDirName(at);
}

const WORK = /^\.partial-(nas|dashboard)-(.+)$/;

export function workDirName(label: ArchiveLabel, archiveId: string): string {
  return `.partial-${label}-${archiveId}`;
}

export function parseWorkDirName(name: string): { label: ArchiveLabel; archiveId: string } | null {
  const match = WORK.exec(name);
  if (!match || parseBackupDirName(match[2]!) === null) return null;
  return { label: match[1] as ArchiveLabel, archiveId: match[2]! };
}

export type ArchiveListing =
  | { id: string; dir: string; status: "verified"; manifest: ArchiveManifest; moved: MovedRecord | null }
  | { id: string; dir: string; status: "unreadable"; reason: string }
  | { id: string; dir: string; status: "interrupted"; label: ArchiveLabel; reason: string };

/** Every archive under the root, newest first; interrupted work last, marked as such. */
export function listArchives(root: string): ArchiveListing[] {
  if (!existsSync(root)) return [];
  const entries = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const finished = entries
    .map((entry) => entry.name)
    .filter((name) => parseBackupDirName(name) !== null)
    .sort(compareBackupNamesNewestFirst)
    .map((id): ArchiveListing => {
      const dir = path.join(root, id);
      try {
        return { id, dir, status: "verified", manifest: readArchiveManifest(dir), moved: readMoved(dir) };
      } catch {
        return { id, dir, status: "unreadable", reason: "manifest.json or moved.json is missing or malformed" };
      }
    });
  const interrupted = entries.flatMap((entry): ArchiveListing[] => {
    const parsed = parseWorkDirName(entry.name);
    if (!parsed) return [];
    const dir = path.join(root, entry.name);
    return [
      { id: parsed.archiveId, dir, status: "interrupted", label: parsed.label, reason: "the run did not finish" },
    ];
  });
  return [...finished, ...interrupted];
}

/**
 * A folder name for a new archive: its UTC start time, with -2, -3… when another archive,
 * finished or in progress, already took that second (both sources archived back to back).
 */
export function chooseArchiveId(root: string, at: Date): string {
  const base = archiveIdFor(at);
  const taken = new Set(existsSync(root) ? readdirSync(root) : []);
  for (let attempt = 1; ; attempt++) {
    const id = attempt === 1 ? base : `${base}-${attempt}`;
    const busy = taken.has(id) || (["nas", "dashboard"] as const).some((label) => taken.has(workDirName(label, id)));
    if (!busy) return id;
  }
}
