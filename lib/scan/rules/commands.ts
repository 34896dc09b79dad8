import path from "node:path";
import { dbFileNames } from "../db-mentions";
import { isBackupLike, isDbFileIdent, isScratchPath } from "../names";
import { type Match, type ReadMode, WHY } from "./hit";
import { isRemoteSpec, operands, simpleCommands } from "./shell-words";

const KNOWN = new Set([
  "scp",
  "sftp",
  "rsync",
  "rclone",
  "ssh",
  "aws",
  "gsutil",
  "az",
  "curl",
  "wget",
  "cp",
  "mv",
  "install",
  "dd",
  "cat",
  "sqlite3",
]);

const transfer = (rule: string): Match => ({ kind: "db_transfer", rule, why: WHY.transfer });
const overwrite = (rule: string): Match => ({ kind: "db_overwrite", rule, why: WHY.overwrite });

/** A word that is a database file: by name, or a variable holding one (`$NAS_DB`, `{DB_PATH}` in argv). */
function isDbWord(word: string, mode: ReadMode): boolean {
  if (dbFileNames(word).length > 0) return true;
  const refs = mode === "argv" ? (word.match(/[A-Za-z_]\w*/g) ?? []) : (word.match(/(?<=\$\{?)[A-Za-z_]\w*/g) ?? []);
  return refs.some(isDbFileIdent);
}

function looksLikeFolder(word: string): boolean {
  return word.endsWith("/") || !/\.[A-Za-z0-9]+$/.test(path.posix.basename(word));
}

/** `cp src… dest`: a database lands on the destination, unless the destination keeps a backup. */
function copiesOverDb(args: string[], mode: ReadMode): boolean {
  if (args.length < 2) return false;
  const dest = args[args.length - 1]!;
  if (isBackupLike(dest) || isScratchPath(dest)) return false;
  if (isDbWord(dest, mode)) return true;
  return args.slice(0, -1).some((source) => isDbWord(source, mode)) && looksLikeFolder(dest);
}

const after = (cmd: string[], flags: RegExp) =>
  cmd.flatMap((word, i) => (flags.test(word) && cmd[i + 1] !== undefined ? [cmd[i + 1]!] : []));

/** curl/wget that upload a database file or save a download as one. */
function curlMovesDb(cmd: string[], mode: ReadMode): boolean {
  const uploads = [
    ...after(cmd, /^(-T|--upload-file|-F|--form|--data-binary|-d|--data)$/),
    ...cmd.filter((w) => /^(-T|-F|--form=|--data-binary=)/.test(w) && w.length > 2),
  ];
  if (uploads.some((w) => isDbWord(w, mode))) return true;
  const saved = [
    ...after(cmd, /^(-o|--output|-O|--output-document|>)$/),
    ...cmd.filter((w) => /^>[^>]/.test(w)).map((w) => w.slice(1)),
  ];
  if (saved.some((w) => isDbWord(w, mode))) return true;
  return cmd.some((w) => /^https?:\/\//.test(w) && dbFileNames(w).length > 0);
}

/** sqlite3's own copy commands: `.backup FILE` / `.clone FILE` write FILE; `.restore FILE` overwrites the open database. */
function sqliteDotCopy(cmd: string[]): boolean {
  for (let i = 0; i < cmd.length; i++) {
    const dot = /^\.(backup|clone|restore)\b\s*(.*)$/.exec(cmd[i]!);
    if (!dot) continue;
    const target = (dot[2] || cmd[i + 1] || "").split(/\s+/).pop()!.replace(/['"]/g, "");
    return dot[1] === "restore" || !isBackupLike(target);
  }
  return false;
}

/**
 * Shell-level rules: scp/rsync/curl/wget/cloud copies of a database file to or from another host
 * (db_transfer); cp/mv/local rsync/dd/cat/sqlite3 .backup onto a database path (db_overwrite);
 * a `.dump` piped into another database (bulk_row_sync).
 */
export function commandMatches(code: string, mode: ReadMode): Match[] {
  const out: Match[] = [];
  // Exec-form arrays (`CMD ["rsync", "-a", …]`, `command: ["cp", …]`) read as plain words.
  const text = /\[\s*["']/.test(code) ? code.replace(/[[\],]/g, " ") : code;
  for (const words of simpleCommands(text)) {
    // The command may follow a prefix: `RUN`, `ExecStart=`, a cron schedule and user, a YAML key.
    const start = words.findIndex((w) => KNOWN.has(path.posix.basename(w)));
    if (start < 0) continue;
    const cmd = words.slice(start);
    const name = path.posix.basename(cmd[0]!);
    const args = operands(cmd);
    const hasDb = args.some((a) => isDbWord(a, mode));
    if ((name === "scp" || name === "sftp") && hasDb) out.push(transfer("transfer.scp"));
    else if ((name === "rsync" || name === "rclone") && hasDb) {
      if (args.some(isRemoteSpec)) out.push(transfer("transfer.rsync"));
      else if (copiesOverDb(args, mode)) out.push(overwrite("overwrite.rsync-local"));
    } else if (name === "ssh" && hasDb && cmd.some((w) => w === "<" || w === ">")) out.push(transfer("transfer.ssh"));
    else if (
      (name === "aws" || name === "gsutil" || name === "az") &&
      hasDb &&
      /\b(cp|mv|sync|upload|download)\b/.test(cmd.join(" "))
    )
      out.push(transfer("transfer.cloud"));
    else if ((name === "curl" || name === "wget") && curlMovesDb(cmd, mode)) out.push(transfer("transfer.curl"));
    else if ((name === "cp" || name === "mv" || name === "install") && copiesOverDb(args, mode))
      out.push(overwrite("overwrite.cp"));
    else if (name === "dd" && cmd.some((w) => w.startsWith("of=") && isDbWord(w.slice(3), mode) && !isBackupLike(w)))
      out.push(overwrite("overwrite.dd"));
    else if (name === "cat" && after(cmd, /^>$/).some((w) => isDbWord(w, mode) && !isBackupLike(w)))
      out.push(overwrite("overwrite.cat"));
    else if (name === "sqlite3" && sqliteDotCopy(cmd)) out.push(overwrite("overwrite.sqlite-dot"));
  }
  if (/\bsqlite3\b[^|\n]*\.dump\b[^|\n]*\|\s*(?:sqlite3|psql)\b/.test(code))
    out.push({ kind: "bulk_row_sync", rule: "bulk.dump-pipe", why: WHY.bulk });
  return out;
}
