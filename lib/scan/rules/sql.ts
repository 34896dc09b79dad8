import { isBackupLike } from "../names";
import { type Match, WHY } from "./hit";

const INSERT_SELECT =
  /\b(?:INSERT(?:\s+OR\s+\w+)?|REPLACE)\s+INTO\s+((?:["`]?\w+["`]?\.)?["`]?\w+["`]?)(?:\s*\([^)]*\))?\s*SELECT\b[\s\S]*?\bFROM\s+["`]?(\w+)["`]?\.["`]?\w+/gi;
const LOCAL_SCHEMAS = new Set(["main", "temp"]);

/**
 * SQL in any file (a .sql script, a string in a program, a heredoc): `INSERT [OR REPLACE] INTO t
 * SELECT … FROM other.t` copies every row between two attached databases (bulk_row_sync);
 * `VACUUM INTO 'file'` writes a whole database file over `file` (db_overwrite).
 */
export function sqlMatches(code: string): Match[] {
  const out: Match[] = [];
  for (const m of code.matchAll(INSERT_SELECT)) {
    const target = m[1]!.replace(/["`]/g, "");
    const targetSchema = target.includes(".") ? target.split(".")[0]!.toLowerCase() : "main";
    const sourceSchema = m[2]!.toLowerCase();
    if (sourceSchema !== targetSchema && !(LOCAL_SCHEMAS.has(sourceSchema) && LOCAL_SCHEMAS.has(targetSchema))) {
      out.push({ kind: "bulk_row_sync", rule: "bulk.insert-select", why: WHY.bulk });
      break;
    }
  }
  const vacuum = /\bVACUUM\s+(?:\w+\s+)?INTO\s+['"]([^'"]+)['"]/i.exec(code);
  if (vacuum && !isBackupLike(vacuum[1]!))
    out.push({ kind: "db_overwrite", rule: "overwrite.vacuum-into", why: WHY.overwrite });
  return out;
}
