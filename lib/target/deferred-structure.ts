import "server-only";
import type pg from "pg";
import { SCHEMA_OBJECTS, TABLES } from "./schema/definition";
import { constraintDefinition } from "./schema/objects";

/**
 * The part of the target schema a bulk load builds after the rows instead of row by row: the
 * secondary indexes, the summaries' foreign key and the triggers of the two tables the copy
 * loads (see lib/copy/initial-load.ts). Every function here is idempotent.
 */

const LOADED_TABLES = ["content", "content_summaries"];

/** The indexes that are not a constraint's, on the tables the copy loads. */
const DEFERRED_INDEXES = SCHEMA_OBJECTS.filter(
  (o) => o.kind === "index" && o.table !== undefined && LOADED_TABLES.includes(o.table),
);
const DEFERRED_TRIGGERS = SCHEMA_OBJECTS.filter(
  (o) => o.kind === "trigger" && o.table !== undefined && LOADED_TABLES.includes(o.table),
);
const SUMMARIES_FOREIGN_KEY = (() => {
  const fk = TABLES.find((t) => t.name === "content_summaries")!.constraints.find((c) => c.kind === "foreign")!;
  return { name: fk.name, sql: `ALTER TABLE content_summaries ADD CONSTRAINT ${fk.name} ${constraintDefinition(fk)}` };
})();

/** What of the deferred structure the target lacks now: names, empty when it is whole. */
export async function deferredStructureMissing(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ kind: string; name: string; present: boolean }>(
    `SELECT 'index' AS kind, name, EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = 'public' AND indexname = name) AS present
       FROM unnest($1::text[]) AS name
     UNION ALL
     SELECT 'trigger', name, EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgname = name AND t.tgenabled <> 'D'
                                        AND t.tgrelid IN ('content'::regclass, 'content_summaries'::regclass))
       FROM unnest($2::text[]) AS name
     UNION ALL
     SELECT 'constraint', $3::text, EXISTS (SELECT 1 FROM pg_constraint WHERE conname = $3::text AND conrelid = 'content_summaries'::regclass)`,
    [await indexesThisServerCanHave(client), DEFERRED_TRIGGERS.map((t) => t.name), SUMMARIES_FOREIGN_KEY.name],
  );
  return rows.filter((r) => !r.present).map((r) => `${r.kind} ${r.name}`);
}

/** An index that needs an extension counts only where the schema step could create it. */
async function indexesThisServerCanHave(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ extname: string }>("SELECT extname FROM pg_extension");
  const installed = new Set(rows.map((r) => r.extname));
  return DEFERRED_INDEXES.filter((o) => !o.requires || installed.has(o.requires)).map((o) => o.name);
}

/** Drops the secondary indexes and the foreign key and disables the triggers, in one transaction. */
export async function dropDeferredStructure(client: pg.ClientBase): Promise<void> {
  await inTransaction(client, async () => {
    for (const index of DEFERRED_INDEXES) await client.query(`DROP INDEX IF EXISTS ${index.name}`);
    await client.query(`ALTER TABLE content_summaries DROP CONSTRAINT IF EXISTS ${SUMMARIES_FOREIGN_KEY.name}`);
    for (const trigger of DEFERRED_TRIGGERS) {
      await client.query(`ALTER TABLE ${trigger.table} DISABLE TRIGGER ${trigger.name}`);
    }
  });
}

/** Told after each object built: how many of how many. */
export type BuiltReporter = (done: number, total: number) => void;

/** Builds whatever of the deferred structure is missing (nothing, on a whole target). */
export async function restoreDeferredStructure(client: pg.ClientBase, onBuilt?: BuiltReporter): Promise<void> {
  const missing = new Set(await deferredStructureMissing(client));
  if (missing.size === 0) return;
  const statements = [
    ...DEFERRED_INDEXES.filter((index) => missing.has(`index ${index.name}`)).map((index) => index.sql),
    ...(missing.has(`constraint ${SUMMARIES_FOREIGN_KEY.name}`) ? [SUMMARIES_FOREIGN_KEY.sql] : []),
    ...DEFERRED_TRIGGERS.filter((trigger) => missing.has(`trigger ${trigger.name}`)).map(
      (trigger) => `ALTER TABLE ${trigger.table} ENABLE TRIGGER ${trigger.name}`,
    ),
  ];
  await inTransaction(client, async () => {
    // Building an index sorts the whole table: in memory where the server allows, not in many runs on disk.
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    onBuilt?.(0, statements.length);
    for (const [i, sql] of statements.entries()) {
      await client.query(sql);
      onBuilt?.(i + 1, statements.length);
    }
  });
}

async function inTransaction(client: pg.ClientBase, work: () => Promise<void>) {
  await client.query("BEGIN");
  try {
    await work();
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
