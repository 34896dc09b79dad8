import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type AppEnv, ConfigError } from "./env";
import { dataPaths, type DataPaths } from "./paths";

/**
 * The data dir holds the session secret, the login link, the embedded server's credentials and
 * the backups of the owner's data: it is created private (0700), and so is backups/ (by the first
 * backup, lib/backup/backup-folder.ts). As root the
 * embedded PostgreSQL runs as the user `postgres`, which must pass through the data dir to reach
 * its cluster: then it is 0711 (others may enter, not list). A data dir that cannot be used is
 * refused in one line before anything is written.
 */
const prepared = new Set<string>();

export function prepareDataDir(env: AppEnv): DataPaths {
  const paths = dataPaths(env.dataDir);
  if (prepared.has(paths.dataDir)) return paths;
  const embeddedAsRoot = !env.databaseUrl && process.getuid?.() === 0;
  const mode = embeddedAsRoot ? 0o711 : 0o700;
  const where = `CUTOVER_DATA_DIR ${paths.dataDir}`;
  const blocker = fileInTheWay(paths.dataDir);
  if (blocker === paths.dataDir) throw new ConfigError(`${where} is a file, not a directory; set it to a directory.`);
  if (blocker) throw new ConfigError(`${where} lies under ${blocker}, which is a file; set it to a directory.`);
  try {
    makeDirs(paths.dataDir, mode);
    const probe = path.join(paths.dataDir, `.write-test-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    throw new ConfigError(`${where} cannot be used: ${describeFsError(error)}.`);
  }
  prepared.add(paths.dataDir);
  return paths;
}

/** One level at a time: a recursive mkdir reports ENOENT where the real cause is EROFS or EACCES. */
function makeDirs(dir: string, mode: number) {
  const missing: string[] = [];
  for (let current = dir; !existsSync(current); current = path.dirname(current)) missing.unshift(current);
  for (const each of missing) mkdirSync(each, { mode });
}

/** The path itself or its nearest existing ancestor, when that is not a directory. */
function fileInTheWay(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(current)) return statSync(current).isDirectory() ? undefined : current;
    if (current === path.dirname(current)) return undefined;
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const user = process.getuid ? `user ${process.getuid()}` : "this user";
  switch (code) {
    case "EROFS":
      return "it is on a read-only file system (EROFS); choose a writable directory";
    case "EACCES":
    case "EPERM":
      return `${user} may not write there (${code}); fix its permissions or choose another directory`;
    case "ENOSPC":
      return "the disk is full (ENOSPC)";
    case "ENOTDIR":
      return "a part of the path is a file (ENOTDIR)";
    default:
      return `${(error as Error).message ?? String(error)}`.split("\n")[0]!;
  }
}
