import { refersToDb, stringLiterals } from "../db-mentions";
import { isSyncFunctionName } from "../names";
import type { Statement } from "../source/lex";
import type { PyDef } from "../source/python-blocks";
import { calls } from "./call-args";
import { type Hit, type Match, WHY } from "./hit";
import { HTTP_WRITE } from "./program";
import { PY_SCHEDULER, WHY_SCHEDULED } from "./schedules";

/** Reads a whole table: a SELECT without WHERE or LIMIT, a dump, a DataFrame read of a table. */
function readsWholeTable(code: string): boolean {
  if (/\.iterdump\s*\(|\bread_sql_table\s*\(/.test(code)) return true;
  return stringLiterals(code).some(
    (sql) => /\bSELECT\b[\s\S]*\bFROM\b/i.test(sql) && !/\b(?:WHERE|LIMIT)\b/i.test(sql),
  );
}

/** Distinct databases the file opens: `sqlite3.connect(NAS_DB)` and `sqlite3.connect(DASHBOARD_DB)` are two. */
function connectedStores(code: string): number {
  const targets = calls(code, /\b(?:sqlite3|psycopg2?|psycopg|apsw|pymysql|duckdb|aiosqlite)\.connect\s*\(/).map(
    ({ args }) => args[0] ?? "",
  );
  return new Set(targets).size + (code.match(/\bcreate_engine\s*\(/g) ?? []).length;
}

/** The object a statement executes on: `src` in `rows = src.execute(…)`; one store reading and writing itself is no push. */
function receiverOf(code: string): string | undefined {
  return /([A-Za-z_]\w*)\s*\.\s*(?:execute|executemany|executescript|iterdump|to_sql)\s*\(/.exec(code)?.[1];
}

const WRITES_ROWS =
  /\b(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\b|\bON\s+CONFLICT\b|\bUPSERT\b|\.executemany\s*\(|\.executescript\s*\(|\.to_sql\s*\(|\bcopy_(?:from|expert)\s*\(/i;
const HTTP_UPLOAD_PAYLOAD = /\b(?:files|data)\s*=/;

/** A database file opened for reading as bytes, to be sent somewhere. */
function opensDbBytes(code: string): boolean {
  return (
    calls(code, /\bopen\s*\(/).some(
      ({ args }) => args.length >= 2 && /^[rbf]?['"]rb['"]$/.test(args[1]!) && refersToDb(args[0]!, "python"),
    ) ||
    (/\.read_bytes\s*\(/.test(code) && refersToDb(code, "python"))
  );
}

/**
 * Rules that need a whole function: every row read from one store and written into another
 * (bulk_row_sync; two stores = the file connects twice or attaches, or the write is HTTP); an
 * HTTP upload whose payload was opened as a database file a few lines earlier (db_transfer);
 * a scheduler that runs a sync function (scheduled_job).
 */
export function pythonScopeHits(
  statements: Statement[],
  defs: PyDef[],
  scopes: number[],
  matchesAt: (index: number) => Match[],
): Hit[] {
  const hits: Hit[] = [];
  const all = statements.map((s) => s.code).join("\n");
  const twoStores = connectedStores(all) >= 2 || /\bATTACH\b/i.test(all);
  const byScope = new Map<number, Statement[]>();
  statements.forEach((s, i) => {
    const members = byScope.get(scopes[i]!) ?? [];
    members.push(s);
    byScope.set(scopes[i]!, members);
  });
  for (const members of byScope.values()) {
    let readFrom: string | undefined;
    for (const s of members) {
      if (readsWholeTable(s.code)) readFrom = receiverOf(s.code) ?? "";
      else if (readFrom !== undefined && HTTP_WRITE.test(s.code))
        hits.push({ line: s.start, kind: "bulk_row_sync", rule: "bulk.read-then-post", why: WHY.bulk });
      else if (readFrom !== undefined && twoStores && WRITES_ROWS.test(s.code) && receiverOf(s.code) !== readFrom)
        hits.push({ line: s.start, kind: "bulk_row_sync", rule: "bulk.read-then-write", why: WHY.bulk });
    }
    if (members.some((s) => opensDbBytes(s.code)))
      for (const s of members)
        if (HTTP_WRITE.test(s.code) && HTTP_UPLOAD_PAYLOAD.test(s.code))
          hits.push({ line: s.start, kind: "db_transfer", rule: "transfer.http-upload", why: WHY.transfer });
  }
  const position = new Map(statements.map((s, i) => [s, i]));
  const syncDefs = new Set(
    defs
      .filter((def) => def.body.some((s) => matchesAt(position.get(s)!).some((m) => m.kind !== "sync_env")))
      .map((def) => def.name),
  );
  statements.forEach((s) => {
    if (!PY_SCHEDULER.test(s.code)) return;
    // The scheduled callable: a keyword argument, else the first argument (the second for timers).
    const target =
      /\b(?:func|callback|target)\s*=\s*([\w.]+)/.exec(s.code) ??
      /(?:\.do|add_job|run_repeating|run_daily|run_once)\s*\(\s*([\w.]+)|(?:Timer|call_later)\s*\([^,]+,\s*([\w.]+)/.exec(
        s.code,
      );
    const name = (target?.[1] ?? target?.[2] ?? "").split(".").pop() ?? "";
    if (name && (isSyncFunctionName(name) || syncDefs.has(name)))
      hits.push({ line: s.start, kind: "scheduled_job", rule: "schedule.python", why: WHY_SCHEDULED });
  });
  return hits;
}
