import type { FileType } from "./file-type";
import { isDbFileIdent } from "./names";

// A path ending in a SQLite extension, not followed by more of a name (`x.db.example.com`, `self.db.run`).
const DB_FILE = /[^\s'"`,;()<>|&=[\]{}]*\.(?:db|sqlite3?|db3)(?![\w-]|\.[A-Za-z])/gi;
// Windows thumbnail caches end in .db too; they are never YTV2's data.
const NOT_DATA = /(^|\/)(ehthumbs|thumbs)\.db$/i;

/** Database file names written in the text: `data/ytv2_content.db`, `/app/data/x.sqlite3`. */
export function dbFileNames(text: string): string[] {
  return (text.match(DB_FILE) ?? []).filter((name) => !NOT_DATA.test(name));
}

const STRING =
  /"""[\s\S]*?"""|'''[\s\S]*?'''|[rbuf]{0,2}"(?:\\.|[^"\\\n])*"|[rbuf]{0,2}'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/gi;

export function stringLiterals(code: string): string[] {
  return code.match(STRING) ?? [];
}

/** In programs a file name lives in a string; `self.db` or `app.db` outside one is an attribute. */
export function mentionsDbFile(code: string, type: FileType): boolean {
  const where = type === "python" || type === "script" ? stringLiterals(code).join(" ") : code;
  return dbFileNames(where).length > 0;
}

/** An identifier or shell variable that holds a database file: `DB_PATH`, `nas_db`, `$DASHBOARD_DB`. */
export function mentionsDbIdent(code: string, type: FileType): boolean {
  // Words inside strings are messages and field names, not variables.
  if (type === "python" || type === "script")
    return (code.replace(STRING, '""').match(/[A-Za-z_]\w*/g) ?? []).some(isDbFileIdent);
  return (code.match(/\$\{?[A-Za-z_]\w*/g) ?? []).some((ref) => isDbFileIdent(ref.replace(/^\$\{?/, "")));
}

/** A database file, by name or through a variable that holds one. */
export function refersToDb(code: string, type: FileType): boolean {
  return mentionsDbFile(code, type) || mentionsDbIdent(code, type);
}
