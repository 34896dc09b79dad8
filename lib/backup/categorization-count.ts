import "server-only";
import type Database from "better-sqlite3";
import { CATEGORIZATION_COLUMNS, isCategorizationRecord } from "@/lib/sources/categorization";
import type { ProgressReporter } from "@/lib/workflow/types";
import { quoteIdent } from "./table-scan";

export type CategorizationCount = { count: number; keys: string[] };

/** DESIGN.md's merge key: video_id, else derived from an id of the form yt:<11 chars>. */
export function videoKey(id: unknown, videoId: unknown): string {
  if (typeof videoId === "string" && videoId.trim() !== "") return videoId.trim();
  if (typeof id === "string") {
    const match = /^yt:([A-Za-z0-9_-]{11})$/.exec(id.trim());
    if (match) return match[1]!;
  }
  // No usable key: count the row under its raw id so it is neither lost nor merged with others.
  return `id:${String(id)}`;
}

/**
 * Counts categorization records in content, reading only the columns this source has (an
 * older NAS schema lacks some). Keys are kept for the union count; only categorized rows'
 * keys are held, which is small next to the table.
 */
export async function countCategorized(
  db: Database.Database,
  options: { phase?: string; onProgress?: ProgressReporter } = {},
): Promise<CategorizationCount> {
  const present = new Set(
    (db.prepare("PRAGMA main.table_info(content)").all() as Array<{ name: string }>).map((col) => col.name),
  );
  const wanted = CATEGORIZATION_COLUMNS.filter((name) => present.has(name));
  const select = ["id", present.has("video_id") ? "video_id" : "NULL AS video_id", ...wanted.map(quoteIdent)];
  const total = (db.prepare("SELECT count(*) AS n FROM main.content").get() as { n: number }).n;
  const phase = options.phase ?? "categorization";
  const keys = new Set<string>();
  let done = 0;
  let count = 0;
  options.onProgress?.({ phase, done, total, unit: "rows" });
  if (wanted.length > 0) {
    const stmt = db.prepare(`SELECT ${select.join(", ")} FROM main.content`);
    for (const row of stmt.iterate() as IterableIterator<Record<string, unknown>>) {
      if (isCategorizationRecord(row)) {
        count++;
        keys.add(videoKey(row.id, row.video_id));
      }
      if (++done % 2_000 === 0) {
        options.onProgress?.({ phase, done, total, unit: "rows" });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  options.onProgress?.({ phase, done: total, total, unit: "rows" });
  return { count, keys: [...keys].sort() };
}
