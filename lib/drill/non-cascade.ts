import type pg from "pg";
import { countOf } from "@/lib/common/plural";

/**
 * Tables that reference the owner's videos (public.content) and do not go with them: a foreign
 * key whose ON DELETE is not CASCADE either refuses the Dashboard's delete or leaves rows of a
 * deleted video behind. Read from the live catalog of the target, so a table someone added by
 * hand shows too. Read only.
 */
export type ContentReference = {
  table: string;
  constraint: string;
  onDelete: "CASCADE" | "NO ACTION" | "RESTRICT" | "SET NULL" | "SET DEFAULT";
  definition: string;
};

const ON_DELETE: Record<string, ContentReference["onDelete"]> = {
  c: "CASCADE",
  a: "NO ACTION",
  r: "RESTRICT",
  n: "SET NULL",
  d: "SET DEFAULT",
};

export type ContentReferences = { contentTable: boolean; references: ContentReference[] };

export async function readContentReferences(db: Pick<pg.ClientBase, "query">): Promise<ContentReferences> {
  const { rows: found } = await db.query<{ present: boolean }>(
    "SELECT to_regclass('public.content') IS NOT NULL AS present",
  );
  if (!found[0]!.present) return { contentTable: false, references: [] };
  const { rows } = await db.query<{
    schema: string;
    table: string;
    constraint: string;
    action: string;
    definition: string;
  }>(
    `SELECT n.nspname AS schema, c.relname AS table, k.conname AS constraint, k.confdeltype::text AS action,
            pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND k.confrelid = 'public.content'::regclass
      ORDER BY n.nspname, c.relname, k.conname`,
  );
  return {
    contentTable: true,
    references: rows.map((row) => ({
      table: row.schema === "public" ? row.table : `${row.schema}.${row.table}`,
      constraint: row.constraint,
      onDelete: ON_DELETE[row.action] ?? "NO ACTION",
      definition: row.definition,
    })),
  };
}

export function nonCascading(references: ContentReference[]): ContentReference[] {
  return references.filter((reference) => reference.onDelete !== "CASCADE");
}

/** The check the drill reports from it: no reference without a cascade. */
export const NON_CASCADE_CHECK = "Every table that references content deletes with it (ON DELETE CASCADE)";

export function nonCascadeOutcome(found: ContentReferences): { ok: boolean; detail: string } {
  if (!found.contentTable)
    return { ok: false, detail: "the target has no table public.content: apply the schema (step 2) first" };
  const without = nonCascading(found.references);
  const cascading = found.references.filter((reference) => reference.onDelete === "CASCADE").map((r) => r.table);
  if (without.length === 0)
    return {
      ok: true,
      detail: `none without a cascade; ${countOf(cascading.length, "table references", "tables reference")} content with ON DELETE CASCADE (${cascading.join(", ") || "none"})`,
    };
  return {
    ok: false,
    detail:
      `${countOf(without.length, "table references", "tables reference")} content without a cascade, so a video's delete is refused or leaves rows behind: ` +
      without.map((r) => `${r.table} (${r.constraint}, ON DELETE ${r.onDelete})`).join("; "),
  };
}
