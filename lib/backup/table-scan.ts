import "server-only";
import type Database from "better-sqlite3";
import { compareValues, encodeRow } from "./encoding";

/**
 * How a table is read for fingerprints and row diffs: its declared columns, and the key that
 * defines row order. The key is the declared PRIMARY KEY (so the order is the data's, not the
 * page layout's); a table without one falls back to its rowid.
 */
export type TableShape = {
  name: string;
  /** "name type" per declared column, in declaration order */
  columns: string[];
  columnNames: string[];
  /** indexes into columnNames of the key, or null when the key is the rowid */
  keyColumns: number[] | null;
  withoutRowid: boolean;
};

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

type TableListRow = { name: string; type: string; wr: number };
type ColumnRow = { name: string; type: string; pk: number };

/** User tables in name order; sqlite_% internals and virtual tables are left out. */
export function listTables(db: Database.Database): TableShape[] {
  const rows = db.prepare("PRAGMA main.table_list").all() as TableListRow[];
  return rows
    .filter((row) => (row.type === "table" || row.type === "shadow") && !row.name.startsWith("sqlite_"))
    .map((row) => describeTable(db, row.name, row.wr === 1))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function describeTable(db: Database.Database, name: string, withoutRowid: boolean): TableShape {
  const cols = db.prepare(`PRAGMA main.table_info(${quoteIdent(name)})`).all() as ColumnRow[];
  const pk = cols
    .map((col, index) => ({ index, pk: col.pk }))
    .filter((col) => col.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((col) => col.index);
  return {
    name,
    columns: cols.map((col) => `${col.name} ${col.type}`.trim()),
    columnNames: cols.map((col) => col.name),
    keyColumns: pk.length > 0 ? pk : null,
    withoutRowid,
  };
}

/**
 * One SELECT yielding, per column, typeof() and the value (text cast to its stored bytes, so
 * the encoding is byte-exact and no UTF-8 round trip happens), ordered by the key with the
 * BINARY collation so compareValues() agrees with SQLite's order. A rowid table keyed by a
 * declared PK still adds rowid as a tie-breaker (a non-integer PK may hold several NULLs).
 */
export function scanSql(table: TableShape): string {
  const parts: string[] = [];
  if (table.keyColumns === null) parts.push("rowid");
  for (const name of table.columnNames) {
    const col = quoteIdent(name);
    parts.push(`typeof(${col})`, `CASE WHEN typeof(${col}) = 'text' THEN CAST(${col} AS BLOB) ELSE ${col} END`);
  }
  const order =
    table.keyColumns === null
      ? ["rowid"]
      : table.keyColumns.map((index) => `${quoteIdent(table.columnNames[index]!)} COLLATE BINARY`);
  if (table.keyColumns !== null && !table.withoutRowid) order.push("rowid");
  return `SELECT ${parts.join(", ")} FROM main.${quoteIdent(table.name)} ORDER BY ${order.join(", ")}`;
}

export type ScannedRow = { key: { types: string[]; values: unknown[] }; encoded: Buffer };

/** Streams a table's rows in key order; memory stays one row at a time. */
export function* scanTable(db: Database.Database, table: TableShape): Generator<ScannedRow> {
  const stmt = db.prepare(scanSql(table)).raw(true).safeIntegers(true);
  const offset = table.keyColumns === null ? 1 : 0;
  const width = table.columnNames.length;
  const types: string[] = new Array(width);
  const values: unknown[] = new Array(width);
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    for (let i = 0; i < width; i++) {
      types[i] = row[offset + 2 * i] as string;
      values[i] = row[offset + 2 * i + 1];
    }
    const key =
      table.keyColumns === null
        ? { types: ["integer"], values: [row[0]] }
        : { types: table.keyColumns.map((i) => types[i]!), values: table.keyColumns.map((i) => values[i]) };
    yield { key, encoded: encodeRow(types, values) };
  }
}

export function compareKeys(a: ScannedRow["key"], b: ScannedRow["key"]): number {
  for (let i = 0; i < a.types.length; i++) {
    const order = compareValues(a.types[i]!, a.values[i], b.types[i]!, b.values[i]);
    if (order !== 0) return order;
  }
  return 0;
}

export function countRows(db: Database.Database, table: TableShape): number {
  const row = db.prepare(`SELECT count(*) AS n FROM main.${quoteIdent(table.name)}`).get() as { n: number };
  return row.n;
}
