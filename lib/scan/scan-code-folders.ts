import { constants } from "node:fs";
import { access, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { OwnerFacingError } from "@/lib/workflow/types";
import { toFindings } from "./fingerprint";
import { gitDatabaseHits } from "./git-history";
import type { Hit } from "./rules/hit";
import { timerHit } from "./rules/systemd-timer";
import { scanSource } from "./scan-source";
import type { FolderScan, GitCheck, ScanFinding, ScanFolder, ScanOptions, ScanReport } from "./types";
import { walkFolder, type WalkedFile } from "./walk";

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
const READ_CONCURRENCY = 16;

/** "The NAS code folder", or "The code folder" when the label is only the path the owner typed. */
function folderName(folder: ScanFolder): string {
  return folder.label === folder.dir || /[\\/.]/.test(folder.label)
    ? "The code folder"
    : `The ${folder.label} code folder`;
}

/** Refuses, naming the folder, before anything is read: missing, not a folder, unreadable. */
async function resolveFolderOrThrow(folder: ScanFolder): Promise<string> {
  const name = folderName(folder);
  try {
    const real = await realpath(folder.dir);
    if (!(await stat(real)).isDirectory())
      throw new OwnerFacingError(`${name} is not a folder: ${folder.dir}`, "scan_folder");
    await access(real, constants.R_OK | constants.X_OK);
    return real;
  } catch (error) {
    if (error instanceof OwnerFacingError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === "ENOENT" || code === "ENOTDIR" ? "does not exist" : "cannot be read";
    throw new OwnerFacingError(`${name} ${what}: ${folder.dir}`, "scan_folder");
  }
}

/** Decoded text, or "binary" when the first 8 KB hold a NUL byte. */
async function readText(abs: string): Promise<string | "binary"> {
  const bytes = await readFile(abs);
  if (bytes.subarray(0, 8192).includes(0)) return "binary";
  return bytes.toString("utf8");
}

/**
 * The sync-code scan of step 5 (YTV2-CONTRACT.md §5): walks each folder and reports every piece
 * of sync code with its file, line, kind, snippet and why. Reads only; refuses up front when a
 * folder is missing or unreadable.
 */
export async function scanCodeFolders(folders: ScanFolder[], options: ScanOptions = {}): Promise<ScanReport> {
  const started = Date.now();
  if (folders.length === 0)
    throw new OwnerFacingError(
      "No code folder to scan: set NAS_CODE_DIR and DASHBOARD_CODE_DIR, or name the folders.",
      "scan_folder",
    );
  const labels = new Set(folders.map((f) => f.label));
  if (labels.size !== folders.length)
    throw new OwnerFacingError("The same code folder was given twice.", "scan_folder");
  const dirs = [];
  for (const folder of folders) dirs.push(await resolveFolderOrThrow(folder));
  const scans: FolderScan[] = [];
  const findings: ScanFinding[] = [];
  for (const [i, folder] of folders.entries()) {
    const scanned = await scanFolder(folder.label, dirs[i]!, options);
    scans.push(scanned.summary);
    findings.push(...scanned.findings);
  }
  return {
    folders: scans,
    findings,
    complete: scans.every((s) => s.unreadable.length === 0 && s.git.state !== "failed"),
    durationMs: Date.now() - started,
  };
}

async function scanFolder(label: string, dir: string, options: ScanOptions) {
  const walked = await walkFolder(dir, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const hits: Array<Hit & { file: string }> = [];
  const timers: Array<{ file: WalkedFile; text: string }> = [];
  let binary = 0;
  let scanned = 0;
  let done = 0;
  const phase = `scan ${label}`;
  const report = () => options.onProgress?.({ phase, done, total: walked.files.length, unit: "files" });
  report();
  const queue = [...walked.files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      let text: string | undefined;
      try {
        text = await readText(file.abs);
      } catch {
        walked.unreadable.push(file.file);
      }
      done++;
      if (text === "binary") binary++;
      else if (text !== undefined) {
        scanned++;
        if (file.file.endsWith(".timer")) timers.push({ file, text });
        else for (const hit of scanSource(file.file, text)) hits.push({ ...hit, file: file.file });
      }
      if (done % 100 === 0) report();
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  report();
  const unitsWithFindings = new Set(hits.map((hit) => path.posix.basename(hit.file)));
  for (const { file, text } of timers) {
    const hit = timerHit(file.file, text, unitsWithFindings);
    if (hit) hits.push({ ...hit, file: file.file });
  }
  let git: GitCheck = { state: "skipped" };
  if (options.git !== false) {
    const found = await gitDatabaseHits(dir);
    git = found.check;
    hits.push(...found.hits.map((hit) => ({ ...hit, file: hit.file! })));
  }
  const findings = toFindings(label, hits);
  const summary: FolderScan = {
    label,
    dir,
    files: scanned,
    skipped: { ...walked.skipped, binary: walked.skipped.binary + binary },
    unreadable: walked.unreadable.sort(),
    git,
    findings: findings.length,
  };
  return { summary, findings };
}
