import "server-only";
import Database from "better-sqlite3";
import { localAccess } from "@/lib/sources/local-access";
import { OwnerFacingError } from "@/lib/workflow/types";
import type { Side } from "./choose";
import { collectGarbage } from "./memory";
import type { KeyRow } from "./keys";
import type { Row } from "./summary-candidates";

/**
 * Read-only access to one legacy SQLite source. Whole rows are only ever read for a batch of
 * keys (json_each parameters, so one prepared statement serves every batch); the full scans
 * read key columns only.
 */
export type SourceDb = {
  side: Side;
  path: string;
  db: Database.Database;
  contentColumns: Set<string>;
  hasTable(name: string): boolean;
  close(): void;
};

/**
 * The merge reads what resolveSourcePaths names: a source SQLite reads in place, or the copy
 * the source reader kept. Anything else would make SQLite create -wal/-shm files beside a
 * source (lib/sources/local-access.ts), so it is refused instead of opened.
 */
export function openSource(side: Side, path: string): SourceDb {
  if (localAccess(path).kind !== "in-place") {
    throw new OwnerFacingError(
      `${side === "nas" ? "NAS" : "Dashboard"} database ${path} is a write-ahead-log file nobody has open, which cannot be read in place without creating files beside it; run the plan again to read it through a fresh copy`,
      "source_not_in_place",
    );
  }
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).map(String),
  );
  const contentColumns = new Set(
    (db.prepare("SELECT name FROM pragma_table_info('content')").pluck().all() as string[]).map(String),
  );
  return { side, path, db, contentColumns, hasTable: (name) => tables.has(name), close: () => db.close() };
}

const col = (src: SourceDb, name: string) => (src.contentColumns.has(name) ? name : `NULL AS ${name}`);

export function* scanKeys(src: SourceDb): Generator<KeyRow> {
  const columns = ["id", "video_id", "updated_at", "indexed_at", "created_at"].map((c) => col(src, c)).join(", ");
  let rows = 0;
  for (const row of src.db.prepare(`SELECT rowid, ${columns} FROM content`).iterate() as Iterable<KeyRow>) {
    if (++rows % SCAN_GC_ROWS === 0) collectGarbage();
    yield row;
  }
  collectGarbage();
}

const SCAN_GC_ROWS = 25_000;

/** Distinct raw video_id values of summary_variants (index-only), with their row counts. */
export function variantVideoIds(src: SourceDb): string[] {
  if (!src.hasTable("summary_variants")) return [];
  return src.db.prepare("SELECT DISTINCT video_id FROM summary_variants").pluck().all() as string[];
}

/** Distinct content_id values of the old content_summaries (NULL included as null). */
export function oldSummaryContentIds(src: SourceDb): (string | null)[] {
  if (!src.hasTable("content_summaries")) return [];
  return src.db.prepare("SELECT DISTINCT content_id FROM content_summaries").pluck().all() as (string | null)[];
}

export function countRows(src: SourceDb, table: string): number {
  if (table !== "content" && !src.hasTable(table)) return 0;
  return Number(src.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
}

type Reader = (values: readonly unknown[]) => Row[];

/** Batch readers: rows by content rowid, by summary_variants.video_id, by content_summaries.content_id. */
export function batchReaders(src: SourceDb): { content: Reader; variants: Reader; oldSummaries: Reader } {
  const many = (sql: string, params = 1): Reader => {
    const statement = src.db.prepare(sql);
    return (values) =>
      values.length ? (statement.all(...Array<string>(params).fill(JSON.stringify(values))) as Row[]) : [];
  };
  const none: Reader = () => [];
  return {
    content: many("SELECT rowid, * FROM content WHERE rowid IN (SELECT value FROM json_each(?))"),
    variants: src.hasTable("summary_variants")
      ? many("SELECT * FROM summary_variants WHERE video_id IN (SELECT value FROM json_each(?)) ORDER BY id")
      : none,
    oldSummaries: src.hasTable("content_summaries")
      ? many(
          "SELECT * FROM content_summaries WHERE content_id IN (SELECT value FROM json_each(?)) OR (content_id IS NULL AND EXISTS (SELECT 1 FROM json_each(?) WHERE value IS NULL)) ORDER BY id",
          2,
        )
      : none,
  };
}
