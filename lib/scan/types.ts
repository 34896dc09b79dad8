import type { ProgressReporter } from "@/lib/workflow/types";
import type { FindingKind } from "./kinds";

/** A code folder to scan; `label` names it to the owner ("NAS", "Dashboard" or the path given). */
export type ScanFolder = { label: string; dir: string };

export type ScanOptions = {
  /** files larger than this are skipped and counted (default 2 MiB): code and runbooks are far smaller */
  maxFileBytes?: number;
  /** look for database files in git, tracked now or in history (default true) */
  git?: boolean;
  onProgress?: ProgressReporter;
};

export type ScanFinding = {
  /** the folder's label */
  folder: string;
  /** path relative to the folder, with forward slashes */
  file: string;
  /** 1-based; 0 when the finding is about the file as a whole (a sync script, a database file in git) */
  line: number;
  kind: FindingKind;
  /** the matched source, trimmed, one to three lines; secrets replaced by *** */
  snippet: string;
  /** one sentence: why this is dangerous */
  why: string;
  /** stable across line shifts: hash of folder, file, kind, normalized snippet (and its occurrence) */
  fingerprint: string;
  /** which detection rule matched, for the curious and for tests */
  rule: string;
  /** db_in_git: the commit that added the file */
  commit?: string;
};

export type GitCheck =
  | { state: "repository"; databaseFiles: number }
  | { state: "not-a-repository" }
  | { state: "skipped" }
  | { state: "failed"; detail: string };

export type FolderScan = {
  label: string;
  /** the folder as resolved on disk */
  dir: string;
  /** text files read and scanned */
  files: number;
  skipped: { binary: number; tooLarge: number; symlinks: number; ignoredDirs: number };
  /** files or folders that could not be read: the scan of this folder is incomplete */
  unreadable: string[];
  git: GitCheck;
  findings: number;
};

export type ScanReport = {
  folders: FolderScan[];
  /** sorted by folder (in the order given), file, line, kind */
  findings: ScanFinding[];
  /** every folder read completely (no unreadable file, git checked where it is a repository) */
  complete: boolean;
  durationMs: number;
};
