import { closeSync, openSync, readSync, statSync, type BigIntStats } from "node:fs";

/**
 * How a live local SQLite file can be read without creating anything beside it.
 *
 * SQLite opens a WAL-mode database's `-wal` and `-shm` with O_CREAT even on a read-only
 * connection (the `-shm` holds the wal-index every reader must take part in), and a read-only
 * connection cannot delete them again: that is how a 0-byte `-wal` and a 32 KB `-shm` were
 * left beside a source. So:
 * - a rollback-journal file (header byte 18 = 1): a read-only open creates nothing; it is read
 *   in place, under SQLite's own locks;
 * - a WAL file whose `-wal` and `-shm` both exist: SQLite uses them and creates nothing; read in
 *   place, under SQLite's WAL protocol, which is safe beside a live writer;
 * - a WAL file without a `-wal`: no connection uses it now (the last one to close checkpoints
 *   into the main file and deletes the `-wal`), so every committed page is in the main file. Its
 *   bytes are copied into our own folder and the copy is read (`copyStableFile`). `immutable=1`
 *   would read in place, but SQLite only promises it on a file nobody writes, which a live source
 *   is not, and this build of better-sqlite3 takes no URI filenames anyway;
 * - a WAL file with a `-wal` but no `-shm`: a connection in exclusive locking mode holds it (it
 *   keeps the wal-index in its own memory), or the `-shm` was not copied with it. Reading it in
 *   place would create a `-shm`, so it is refused as locked, like any exclusive lock.
 * The choice is made just before the open: a program that closed the file in between would let
 * SQLite create the two files after all. With processing stopped (step 1 asks for it) no program
 * opens or closes a source, and one still running is read in place, where SQLite keeps it whole.
 */
export type LocalAccess = { kind: "in-place" } | { kind: "copy" } | { kind: "locked"; reason: string };

const HEADER = "SQLite format 3\0";

/** Header bytes 18 and 19 are 2 in a WAL-mode database, 1 in a rollback-journal one. */
export function isWalHeader(file: string): boolean {
  const header = Buffer.alloc(20);
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    if (readSync(fd, header, 0, 20, 0) < 20) return false;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return header.toString("latin1", 0, 16) === HEADER && (header[18] === 2 || header[19] === 2);
}

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

/** A file that is missing or not SQLite counts as in place: the preflight names its problem. */
export function localAccess(file: string): LocalAccess {
  if (!isWalHeader(file)) return { kind: "in-place" };
  const wal = sizeOf(`${file}-wal`);
  const shm = sizeOf(`${file}-shm`);
  if (wal !== null && shm !== null) return { kind: "in-place" };
  if (wal !== null) return { kind: "locked", reason: "its -wal is in use without a -shm: exclusive locking mode" };
  return { kind: "copy" };
}

/** What a write to the file (or the appearance of a -wal) would change. */
export type FileIdentity = string;

export function fileIdentity(file: string): FileIdentity {
  const part = (stat: BigIntStats | undefined) =>
    stat ? [stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs].join(":") : "-";
  const main = statSync(file, { bigint: true });
  let wal: BigIntStats | undefined;
  try {
    wal = statSync(`${file}-wal`, { bigint: true });
  } catch {
    wal = undefined;
  }
  return `${part(main)}|${part(wal)}`;
}

export function modifiedMsAgo(file: string, now = Date.now()): number {
  return now - statSync(file).mtimeMs;
}
