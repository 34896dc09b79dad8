import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeJsonAtomic } from "./durable-fs";

export const MANIFEST_FILE = "manifest.json";
export const MOVED_FILE = "moved.json";

const labelSchema = z.enum(["nas", "dashboard"]);
export type ArchiveLabel = z.infer<typeof labelSchema>;

const tableSchema = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  rowCount: z.number().int(),
  fingerprint: z.string(),
});

/** One restore test: the archive decompressed to a temp file, checked, fingerprinted, removed. */
export const restoreCheckSchema = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  /** SHA-256 of the archive as read for this test; null when it could not be read */
  archiveSha256: z.string().nullable(),
  restoredSha256: z.string().nullable(),
  restoredSizeBytes: z.number().int().nullable(),
  /** "ok", SQLite's findings, or null when nothing could be restored */
  integrity: z.string().nullable(),
  fingerprint: z.string().nullable(),
  matchesOriginal: z.boolean(),
  /** against the last known fingerprint (the write-guard window); null when none was given */
  matchesExpected: z.boolean().nullable(),
  detail: z.string(),
});
export type RestoreCheck = z.infer<typeof restoreCheckSchema>;

export const archiveManifestSchema = z.object({
  version: z.literal(1),
  label: labelSchema,
  /** the archive folder's name: the UTC time the first attempt started */
  archiveId: z.string(),
  createdAt: z.string(),
  source: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("local"), path: z.string() }),
    /** the URL without credentials or query; the archived bytes came from a fresh download */
    z.object({ kind: z.literal("remote"), url: z.string() }),
  ]),
  original: z.object({
    fileName: z.string(),
    sha256: z.string(),
    sizeBytes: z.number().int(),
    fingerprint: z.string(),
    tables: z.array(tableSchema),
  }),
  archive: z.object({ file: z.string(), sha256: z.string(), sizeBytes: z.number().int() }),
  compression: z.object({
    format: z.literal("gzip"),
    library: z.string(),
    libraryVersion: z.string(),
    runtime: z.string(),
    level: z.number().int(),
    extension: z.string(),
  }),
  expectedFingerprint: z.string().nullable(),
  restoreTest: restoreCheckSchema,
});
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;

/** What moveOriginalAside moved, written once every file is in the archive folder. */
export const movedSchema = z.object({
  version: z.literal(1),
  label: labelSchema,
  movedAt: z.string(),
  method: z.enum(["rename", "copy"]),
  files: z.array(
    z.object({
      from: z.string(),
      /** relative to the archive folder */
      to: z.string(),
      sha256: z.string(),
      sizeBytes: z.number().int(),
    }),
  ),
});
export type MovedRecord = z.infer<typeof movedSchema>;

export function writeArchiveManifest(dir: string, manifest: ArchiveManifest): string {
  const file = path.join(dir, MANIFEST_FILE);
  writeJsonAtomic(file, manifest);
  return file;
}

export function readArchiveManifest(dir: string): ArchiveManifest {
  return archiveManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), "utf8")));
}

export function writeMoved(dir: string, moved: MovedRecord): string {
  const file = path.join(dir, MOVED_FILE);
  writeJsonAtomic(file, moved);
  return file;
}

export function readMoved(dir: string): MovedRecord | null {
  const file = path.join(dir, MOVED_FILE);
  return existsSync(file) ? movedSchema.parse(JSON.parse(readFileSync(file, "utf8"))) : null;
}
