import { refersToDb } from "../db-mentions";
import { isBackupLike, isScratchPath, nameWords } from "../names";
import { calls } from "./call-args";
import { type Match, WHY } from "./hit";

const isDb = (expr: string) => refersToDb(expr, "python");
const transfer = (rule: string): Match => ({ kind: "db_transfer", rule, why: WHY.transfer });
const overwrite = (rule: string): Match => ({ kind: "db_overwrite", rule, why: WHY.overwrite });

export const HTTP_WRITE = /\.(?:post|put|patch)\s*\(|\burlopen\s*\(|\bfetch\s*\(/;
const PAYLOAD = /\b(?:files|data|content|body)\s*[=:]/;

/** The receiver of a method call (the text before its `.`): `Path(DB_PATH)` in `Path(DB_PATH).replace(x)`. */
function receiver(before: string): string {
  return /([\w.]+(?:\([^()]*\))?)\s*$/.exec(before)?.[1] ?? "";
}

/**
 * Library-level rules for Python and JavaScript: an HTTP upload whose payload is a database file,
 * a download saved as one, a database served as a file, an SFTP/S3 transfer (db_transfer); a
 * shutil/os/fs copy or rename onto a database path, a database opened for writing whole, an
 * uploaded file saved over one, the sqlite3 backup API aimed at the other store (db_overwrite).
 */
export function programMatches(code: string): Match[] {
  const out: Match[] = [];
  if (HTTP_WRITE.test(code) && PAYLOAD.test(code) && isDb(code)) out.push(transfer("transfer.http-upload"));
  if (/\burlretrieve\s*\(/.test(code) && isDb(code)) out.push(transfer("transfer.http-download"));
  if (/\b(?:send_file|send_from_directory|FileResponse|static_file|sendFile|download)\s*\(/.test(code) && isDb(code))
    out.push(transfer("transfer.serve-file"));
  if (
    /\b\w*(?:sftp|ftp|s3|scp|ssh|bucket|blob)\w*\s*\.\s*(?:put|get|upload_file|download_file|upload_fileobj|storbinary|retrbinary|upload|download)\s*\(/i.test(
      code,
    ) &&
    isDb(code)
  )
    out.push(transfer("transfer.remote-api"));

  const copies = calls(
    code,
    /\b(?:shutil\.(?:copy|copy2|copyfile|move)|os\.(?:replace|rename)|fs\.(?:copyFile|rename)(?:Sync)?|copyFileSync|renameSync)\s*\(/,
  );
  const moved = calls(code, /\.(?:replace|rename)\s*\(/).filter((call) => call.args.length === 1);
  const overDb =
    copies.some(({ args }) => args.length >= 2 && landsOnDb(args[0]!, args[1]!)) ||
    moved.some(({ args, before }) => landsOnDb(receiver(before), args[0]!));
  if (overDb) out.push(overwrite("overwrite.copy-call"));

  const writes =
    calls(code, /\bopen\s*\(/).some(
      ({ args }) =>
        args.length >= 2 && /^(?:mode\s*=\s*)?[rbf]?['"](?:w|wb|w\+b|wb\+|ab|xb)['"]$/.test(args[1]!) && onDb(args[0]!),
    ) ||
    calls(code, /\.write_bytes\s*\(/).some(({ before }) => onDb(receiver(before))) ||
    calls(code, /\.save\s*\(/).some(({ args }) => args.length >= 1 && onDb(args[0]!)) ||
    calls(code, /\bwriteFile(?:Sync)?\s*\(/).some(({ args }) => args.length >= 1 && onDb(args[0]!));
  if (writes) out.push(overwrite("overwrite.write-file"));

  if (calls(code, /\.backup\s*\(/).some(({ args, before }) => aimsAtOtherStore(args[0] ?? "", receiver(before))))
    out.push(overwrite("overwrite.backup-api"));
  return out;
}

const onDb = (expr: string) => isDb(expr) && !isBackupLike(expr) && !isScratchPath(expr);

/** A copy or rename whose destination is a database (or a folder, when the source is one). */
function landsOnDb(source: string, dest: string): boolean {
  if (isBackupLike(dest) || isScratchPath(dest)) return false;
  const destWords = nameWords(dest);
  const folder = destWords.some((w) =>
    ["dir", "folder", "directory", "mount", "remote", "target", "dest", "dst"].includes(w),
  );
  // A folder named after the database (`DB_DIR`) receives a database only when the source is one.
  return folder ? isDb(source) : isDb(dest);
}

/** `nas.backup(dashboard_conn)`: the sqlite3 backup API writing into the other store's database. */
function aimsAtOtherStore(target: string, from: string): boolean {
  if (!target || isBackupLike(target)) return false;
  const words = nameWords(`${target} ${from}`);
  return ["dashboard", "nas", "remote", "live", "render", "prod"].some((w) => words.includes(w));
}
