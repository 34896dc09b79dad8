import type Database from "better-sqlite3";
import { resolveSideKeys, type KeyRow } from "@/lib/merge/keys";
import type { ProgressReporter } from "@/lib/workflow/types";
import { CATEGORIZATION_COLUMNS, isCategorizationRecord, type CategorizationColumns } from "./categorization";

/**
 * DESIGN.md: "a categorization count is computed by one function everywhere (backup, plan,
 * verify, report), on the same derived key". This is that function for one source: a video
 * counts once, under the key the merge derives (`deriveVideoKey`), when the row the merge uses
 * for that key (`resolveSideKeys`: of duplicates, the newer) is a categorization record
 * (`isCategorizationRecord`). The plan's and verify's counts are the union of both sources'
 * keys, flagged per merged record from the same row by the same predicate; the agreement test
 * (categorization-agreement.int.test.ts) holds them to it.
 */
export type CategorizationTally = {
  /** videos whose row, as the merge uses it, is a categorization record */
  count: number;
  /** their keys, sorted: the union of both sources is the plan's count */
  keys: string[];
  /** categorization rows the merge quarantines instead of counting: no valid key, or a duplicate that lost */
  quarantined: { invalidKey: number; duplicateKey: number };
};

export type CategorizationRow = KeyRow & CategorizationColumns;
export type FlaggedKeyRow = KeyRow & { categorized: boolean };

/** A content row reduced to what the count needs: its key columns and the predicate's answer. */
export function flagCategorized(row: CategorizationRow): FlaggedKeyRow {
  const { rowid, id, video_id, updated_at, indexed_at, created_at } = row;
  return { rowid, id, video_id, updated_at, indexed_at, created_at, categorized: isCategorizationRecord(row) };
}

export function tallyCategorization(rows: Iterable<FlaggedKeyRow>): CategorizationTally {
  const categorized = new Set<number>();
  const keyRows: KeyRow[] = [];
  for (const row of rows) {
    if (row.categorized) categorized.add(row.rowid);
    keyRows.push(row);
  }
  const sides = resolveSideKeys(keyRows);
  const keys = [...sides.chosen].filter(([, entry]) => categorized.has(entry.rowid)).map(([key]) => key);
  return {
    count: keys.length,
    keys: keys.sort(),
    quarantined: {
      invalidKey: sides.invalid.filter((row) => categorized.has(row.rowid)).length,
      duplicateKey: sides.duplicates.filter(({ entry }) => categorized.has(entry.rowid)).length,
    },
  };
}

const KEY_COLUMNS = ["id", "video_id", "updated_at", "indexed_at", "created_at"] as const;

/**
 * The tally of one SQLite source's `content`, reading only the columns it has (an older NAS
 * lacks the categorization ones: then nothing is categorized). Yields to the event loop as it
 * reads, so a panel stays responsive on a large file.
 */
export async function countCategorizationRecords(
  db: Database.Database,
  options: { phase?: string; onProgress?: ProgressReporter } = {},
): Promise<CategorizationTally> {
  const present = new Set(
    (db.prepare("PRAGMA main.table_info(content)").all() as Array<{ name: string }>).map((col) => col.name),
  );
  const column = (name: string) => (present.has(name) ? `"${name}"` : `NULL AS "${name}"`);
  const select = ["rowid", ...KEY_COLUMNS.map(column), ...CATEGORIZATION_COLUMNS.map(column)].join(", ");
  const total = Number(db.prepare("SELECT count(*) FROM main.content").pluck().get());
  const phase = options.phase ?? "categorization";
  const rows: FlaggedKeyRow[] = [];
  options.onProgress?.({ phase, done: 0, total, unit: "rows" });
  for (const row of db.prepare(`SELECT ${select} FROM main.content`).iterate() as Iterable<CategorizationRow>) {
    rows.push(flagCategorized(row));
    if (rows.length % 2_000 === 0) {
      options.onProgress?.({ phase, done: rows.length, total, unit: "rows" });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  options.onProgress?.({ phase, done: total, total, unit: "rows" });
  return tallyCategorization(rows);
}
