import "server-only";
import type pg from "pg";
import { withTargetLock } from "@/lib/target/advisory-lock";
import { OwnerFacingError } from "@/lib/workflow/types";
import { SEED_FLAGS_SQL } from "./definition";
import { itemsToCreate, planSchema, type SchemaPlan } from "./plan";
import type { ObjectKind } from "./objects";
import { countOf } from "@/lib/common/plural";

export type SchemaChange = { kind: ObjectKind | "flag"; name: string; sql: string };

export type ApplyResult = {
  before: SchemaPlan;
  after: SchemaPlan;
  /** what this apply created or seeded; empty means "no changes" */
  changes: SchemaChange[];
};

export function conflictMessage(plan: SchemaPlan): string {
  const first = plan.conflicts.slice(0, 3).map((c) => c.reason ?? c.name);
  const more = plan.conflicts.length > 3 ? ` and ${plan.conflicts.length - 3} more` : "";
  return `The target already has ${countOf(plan.conflicts.length, "object")} with another shape (${first.join("; ")}${more}); nothing was changed. Resolve them by hand, then apply again.`;
}

/**
 * Creates every missing object, brings an earlier version's objects forward, and seeds the
 * flags, in one transaction under the target lock: a failure anywhere (a privilege, a conflict
 * found on the way) leaves the target as it was. The only removals are loosening ones (a CHECK
 * or NOT NULL the contract rules out, a replaced trigger function); no table, column, index or
 * row is dropped. A conflicting object refuses the whole apply.
 */
export async function applySchema(client: pg.ClientBase): Promise<ApplyResult> {
  return withTargetLock(client, async () => {
    await client.query("BEGIN");
    try {
      const before = await planSchema(client);
      if (before.conflicts.length > 0) throw new OwnerFacingError(conflictMessage(before), "schema_conflict");
      const toCreate = itemsToCreate(before.items);
      if (toCreate.length > 0) await assertCanCreate(client);

      const changes: SchemaChange[] = [];
      for (const item of toCreate) {
        await client.query(item.sql);
        changes.push({ kind: item.kind, name: item.name, sql: item.sql });
      }
      const seeded = await client.query<{ name: string }>(SEED_FLAGS_SQL.replace(/;$/, " RETURNING name;"));
      for (const row of seeded.rows) changes.push({ kind: "flag", name: row.name, sql: SEED_FLAGS_SQL });

      // Proof from the catalog, not from the statements having run without error.
      const after = await planSchema(client);
      if (after.counts.missing + after.counts.outdated + after.counts.different > 0) {
        const left = after.items
          .filter((i) => i.state !== "present" && i.state !== "unavailable")
          .map((i) => `${i.name} ${i.state}`);
        throw new Error(`schema apply left objects not present: ${left.join(", ")}`);
      }
      await client.query("COMMIT");
      return { before, after, changes };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw rolledBack(error);
    }
  });
}

/** A clearer refusal than the first failing CREATE: the usual cause on a managed database. */
async function assertCanCreate(client: pg.ClientBase) {
  const { rows } = await client.query<{ allowed: boolean; role: string }>(
    "SELECT has_schema_privilege(current_user, 'public', 'CREATE') AS allowed, current_user AS role",
  );
  if (!rows[0]?.allowed) {
    throw new OwnerFacingError(
      `The role "${rows[0]?.role}" cannot CREATE in schema public of the target, so the schema cannot be applied; grant it (GRANT CREATE ON SCHEMA public TO ${rows[0]?.role}) or use the owning role. Nothing was changed.`,
      "target_privilege",
    );
  }
}

/** A database error mid-apply: say it in one line, with its code, and that the rollback left nothing. */
function rolledBack(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (error instanceof OwnerFacingError || typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return error;
  const message = (error as Error).message.split("\n")[0];
  return new OwnerFacingError(
    `Applying the schema failed and was rolled back, nothing was changed: ${message} (${code}).`,
    "schema_apply_failed",
  );
}
