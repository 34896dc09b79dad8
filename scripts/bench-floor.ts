import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { copyField, copyRow } from "../lib/copy/copy-text";
import { SOURCE_TABLES } from "../lib/merge/quarantine";
import { openSource } from "../lib/merge/source-db";
import { withTargetClient } from "../lib/target/connect";

/**
 * The benchmark's floor: every row of one source, read with better-sqlite3 and COPYed as it
 * is into unindexed text tables — the least any loader of this data must do. Returns rows.
 */
export async function copyFloor(sourcePath: string, databaseUrl: string): Promise<number> {
  const src = openSource("nas", sourcePath);
  let total = 0;
  try {
    await withTargetClient(databaseUrl, async (client) => {
      for (const table of SOURCE_TABLES) {
        const columns = (
          src.db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]
        ).map(String);
        await client.query(
          `DROP TABLE IF EXISTS floor_${table}; CREATE TABLE floor_${table} (${columns.map((c) => `${c} text`).join(", ")})`,
        );
        const rows = src.db.prepare(`SELECT * FROM ${table}`).raw().iterate() as Iterable<unknown[]>;
        async function* lines() {
          let chunk = "";
          for (const row of rows) {
            total++;
            chunk += copyRow(row.map((v) => copyField(v)));
            if (chunk.length > 1 << 20) {
              yield chunk;
              chunk = "";
            }
          }
          if (chunk) yield chunk;
        }
        await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY floor_${table} FROM STDIN`)));
      }
    });
  } finally {
    src.close();
  }
  return total;
}
