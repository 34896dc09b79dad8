import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

export type WalkedFile = { file: string; abs: string; size: number };

export type WalkResult = {
  files: WalkedFile[];
  skipped: { binary: number; tooLarge: number; symlinks: number; ignoredDirs: number };
  unreadable: string[];
};

// Installed packages, virtualenvs, caches and VCS internals: not the owner's code.
const IGNORED_DIRS = new Set([
  "node_modules",
  ".git",
  ".hg",
  ".svn",
  "__pycache__",
  ".venv",
  "venv",
  "virtualenv",
  ".virtualenv",
  ".tox",
  ".nox",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".cache",
  "site-packages",
  "dist-packages",
  ".next",
]);

// Media, archives, compiled code and databases themselves: never scanned as text.
const BINARY_EXTENSIONS =
  /\.(png|jpe?g|gif|webp|ico|bmp|tiff?|mp3|wav|m4a|ogg|oga|opus|flac|aac|mp4|m4v|mkv|webm|mov|avi|pdf|zip|gz|tgz|bz2|xz|7z|rar|tar|jar|war|whl|egg|so|dylib|dll|exe|bin|o|a|pyc|pyo|class|db|sqlite3?|db3|db-wal|db-shm|db-journal|woff2?|ttf|otf|eot|psd)$/i;

const toPosix = (p: string) => p.split(path.sep).join("/");

/**
 * Every candidate text file under `root`, without following symlinks (a link never leads the
 * scan out of the folder; its target, when inside, is scanned where it lives).
 */
export async function walkFolder(root: string, maxFileBytes: number): Promise<WalkResult> {
  const result: WalkResult = {
    files: [],
    skipped: { binary: 0, tooLarge: 0, symlinks: 0, ignoredDirs: 0 },
    unreadable: [],
  };
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      result.unreadable.push(`${toPosix(path.relative(root, dir)) || "."}/`);
      continue;
    }
    if (dir !== root && entries.some((e) => e.name === "pyvenv.cfg")) {
      result.skipped.ignoredDirs++;
      continue;
    }
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const file = toPosix(path.relative(root, abs));
      if (entry.isSymbolicLink()) result.skipped.symlinks++;
      else if (entry.isDirectory()) {
        if (IGNORED_DIRS.has(entry.name)) result.skipped.ignoredDirs++;
        else pending.push(abs);
      } else if (!entry.isFile()) continue;
      else if (entry.name === ".git") result.skipped.ignoredDirs++;
      else if (BINARY_EXTENSIONS.test(entry.name)) result.skipped.binary++;
      else {
        try {
          const { size } = await stat(abs);
          if (size > maxFileBytes) result.skipped.tooLarge++;
          else result.files.push({ file, abs, size });
        } catch {
          result.unreadable.push(file);
        }
      }
    }
  }
  result.files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return result;
}
