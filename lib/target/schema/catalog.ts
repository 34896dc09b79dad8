import "server-only";
import type pg from "pg";

/**
 * What the live catalog says about schema `public`: read fresh every time, so the plan
 * reflects the database as it is, not a memory of what was applied.
 */
export type CatalogSnapshot = {
  /** relname → relkind ('r' table, 'v' view, 'i' index, 'S' sequence, …) */
  relations: Record<string, string>;
  /** "table.column" → format_type and NOT NULL */
  columns: Record<string, { type: string; notNull: boolean }>;
  constraints: Array<{ table: string; name: string; contype: string; definition: string }>;
  indexes: Record<string, { table: string; definition: string }>;
  /** "table.trigger" → pg_get_triggerdef */
  triggers: Record<string, string>;
  /** "name()" → prosrc of the zero-argument function */
  functions: Record<string, string>;
  /** view name → its column names in order */
  viewColumns: Record<string, string[]>;
  /** extensions installed in this database, and those the server could install */
  extensions: { installed: string[]; available: string[] };
};

type Queryable = Pick<pg.ClientBase, "query">;

export async function readCatalog(client: Queryable): Promise<CatalogSnapshot> {
  const ns = `(SELECT oid FROM pg_namespace WHERE nspname = 'public')`;
  // One after another: a pg client runs one query at a time anyway.
  const relations = await client.query<{ relname: string; relkind: string }>(
    `SELECT relname, relkind::text FROM pg_class WHERE relnamespace = ${ns}`,
  );
  const columns = await client.query<{
    relname: string;
    relkind: string;
    attname: string;
    type: string;
    attnotnull: boolean;
  }>(
    `SELECT c.relname, c.relkind::text, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = ${ns} AND c.relkind IN ('r', 'p', 'v') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  const constraints = await client.query<{ relname: string; conname: string; contype: string; definition: string }>(
    `SELECT c.relname, k.conname, k.contype::text, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE c.relnamespace = ${ns} AND k.contype IN ('p', 'u', 'c', 'f')
      ORDER BY c.relname, k.conname`,
  );
  const indexes = await client.query<{ tablename: string; indexname: string; indexdef: string }>(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
  );
  const triggers = await client.query<{ relname: string; tgname: string; definition: string }>(
    `SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) AS definition
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE c.relnamespace = ${ns} AND NOT t.tgisinternal`,
  );
  const functions = await client.query<{ proname: string; prosrc: string }>(
    `SELECT proname, prosrc FROM pg_proc WHERE pronamespace = ${ns} AND pronargs = 0`,
  );
  const extensions = await client.query<{ name: string; installed: boolean }>(
    "SELECT name, installed_version IS NOT NULL AS installed FROM pg_available_extensions",
  );

  const snapshot: CatalogSnapshot = {
    relations: {},
    columns: {},
    constraints: [],
    indexes: {},
    triggers: {},
    functions: {},
    viewColumns: {},
    extensions: {
      installed: extensions.rows.filter((e) => e.installed).map((e) => e.name),
      available: extensions.rows.map((e) => e.name),
    },
  };
  for (const r of relations.rows) snapshot.relations[r.relname] = r.relkind;
  for (const c of columns.rows) {
    if (c.relkind === "v") (snapshot.viewColumns[c.relname] ??= []).push(c.attname);
    else snapshot.columns[`${c.relname}.${c.attname}`] = { type: c.type, notNull: c.attnotnull };
  }
  for (const k of constraints.rows) {
    snapshot.constraints.push({ table: k.relname, name: k.conname, contype: k.contype, definition: k.definition });
  }
  for (const i of indexes.rows) snapshot.indexes[i.indexname] = { table: i.tablename, definition: i.indexdef };
  for (const t of triggers.rows) snapshot.triggers[`${t.relname}.${t.tgname}`] = t.definition;
  for (const f of functions.rows) snapshot.functions[`${f.proname}()`] = f.prosrc;
  return snapshot;
}
