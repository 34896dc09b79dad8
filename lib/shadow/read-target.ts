import type pg from "pg";
import type { CardQuery } from "@/lib/contract/card";
import { cardListStatements } from "@/lib/contract/dashboard-pg";

/**
 * The PostgreSQL era's list views, read through dashboard-pg.ts's own statements, as video ids
 * in list order: a cursor fetches them in chunks, so no page of cards is held, only the ids.
 * The caller holds one read-only repeatable-read transaction, so every view sees one snapshot.
 */
const CHUNK = 2000;

export type OrderedKeys = { keys: string[]; sortKeys: string[] };

export async function postgresListKeys(client: pg.ClientBase, query: CardQuery): Promise<OrderedKeys> {
  const statements = cardListStatements(query);
  await client.query(`DECLARE shadow_list NO SCROLL CURSOR FOR ${statements.orderedKeys}`, statements.params);
  try {
    const keys: string[] = [];
    const sortKeys: string[] = [];
    for (;;) {
      const { rows } = await client.query<{ video_id: string; sort_key: string }>(`FETCH ${CHUNK} FROM shadow_list`);
      for (const row of rows) {
        keys.push(row.video_id);
        sortKeys.push(row.sort_key);
      }
      if (rows.length < CHUNK) return { keys, sortKeys };
    }
  } finally {
    await client.query("CLOSE shadow_list");
  }
}

export async function withSnapshot<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    return await work();
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
  }
}
