import { randomBytes } from "node:crypto";
import type pg from "pg";
import { OwnerFacingError } from "@/lib/workflow/types";
import { SCHEMA_OBJECTS, SEED_FLAGS_SQL } from "@/lib/target/schema/definition";

/**
 * The drill's scratch schema: made in the target database from the same definition the Schema
 * step applies, so the drill proves the objects the owner's rows live in, never those rows.
 */
export const SCRATCH_PREFIX = "cutover_drill_";
const SCRATCH_NAME = /^cutover_drill_[0-9a-f]{12}$/;

export function scratchSchemaName(): string {
  return `${SCRATCH_PREFIX}${randomBytes(6).toString("hex")}`;
}

export function isScratchSchemaName(name: string): boolean {
  return SCRATCH_NAME.test(name);
}

/**
 * Only the scratch schema on the path: the definition's statements are unqualified, and one of
 * them (a retired function's DROP IF EXISTS) would otherwise reach into public.
 */
export async function pathToScratch(client: Pick<pg.ClientBase, "query">, schema: string) {
  if (!isScratchSchemaName(schema)) throw new Error(`not a drill schema name: ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
}

export type ScratchBuild = { objects: number; leftOut: string[] };

/**
 * Creates the schema and every object of the definition in it, in the definition's order. An
 * index that needs an extension is left out (and named): an extension is database-wide, so it
 * cannot be made for a scratch schema alone, and a title-search index plays no part in a delete.
 * Upgrades and retired objects concern an earlier version's target, which a new schema is not.
 */
export async function createScratchSchema(client: Pick<pg.ClientBase, "query">, schema: string): Promise<ScratchBuild> {
  if (!isScratchSchemaName(schema)) throw new Error(`not a drill schema name: ${schema}`);
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    if ((error as { code?: string }).code !== "42501") throw error;
    const { rows } = await client.query<{ db: string; role: string }>(
      "SELECT current_database() AS db, current_user AS role",
    );
    const { db, role } = rows[0]!;
    throw new OwnerFacingError(
      `The role "${role}" cannot create a schema in database "${db}", and the drill needs one for its scratch copy (GRANT CREATE ON DATABASE ${db} TO ${role}, or use the owning role); nothing was changed.`,
      "target_privilege",
    );
  }
  await pathToScratch(client, schema);
  const leftOut: string[] = [];
  let objects = 0;
  for (const object of SCHEMA_OBJECTS) {
    if (object.requires) {
      leftOut.push(`${object.name} (needs the ${object.requires} extension)`);
      continue;
    }
    await client.query(object.sql);
    objects++;
  }
  await client.query(SEED_FLAGS_SQL);
  return { objects, leftOut };
}

/** Scratch schemas in the database now: only names this tool makes. */
export async function listScratchSchemas(client: Pick<pg.ClientBase, "query">): Promise<string[]> {
  const { rows } = await client.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'cutover\\_drill\\_%' ORDER BY nspname",
  );
  return rows.map((row) => row.nspname).filter(isScratchSchemaName);
}

export async function dropScratchSchema(client: Pick<pg.ClientBase, "query">, schema: string) {
  if (!isScratchSchemaName(schema)) throw new Error(`not a drill schema name: ${schema}`);
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
