import "server-only";
import type pg from "pg";
import { dropDeferredStructure, restoreDeferredStructure, type BuiltReporter } from "@/lib/target/deferred-structure";
import { oneLatestCheck } from "@/lib/verify/target-checks";
import { OwnerFacingError } from "@/lib/workflow/types";

/**
 * The initial load: the first copy into a target that holds no record yet goes in the way
 * pg_restore and pgloader load, rows first and then, once over the whole tables, the secondary
 * indexes, the foreign key and the triggers. Kept one by one, each row's GIN entries, foreign-key
 * lookup and latest-pointer trigger cost the server more than the row itself.
 *
 * With the triggers off the rows keep exactly what the merge gave them (revision, is_latest,
 * updated_at: the values the triggers would also leave, since the copy loads a video's highest
 * revision first), so the one-latest invariant is proved by a query before anything is rebuilt.
 * Every statement here is idempotent: a load interrupted at any point, the rebuild included,
 * is completed by the next copy (resumed, or on the upsert path for another plan).
 */

/** Whether nothing of the copy's records is in the target: the initial load applies. */
export async function targetHoldsNoRecords(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ empty: boolean }>(
    "SELECT NOT EXISTS (SELECT 1 FROM content) AND NOT EXISTS (SELECT 1 FROM content_summaries) AS empty",
  );
  return rows[0]!.empty;
}

/**
 * Starts an initial load: false, with nothing changed, when the target's tables belong to another
 * role (altering them needs their owner); the copy then upserts as it would into a loaded target.
 */
export async function beginInitialLoad(client: pg.ClientBase): Promise<boolean> {
  try {
    await dropDeferredStructure(client);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === INSUFFICIENT_PRIVILEGE) return false;
    throw error;
  }
}

const INSUFFICIENT_PRIVILEGE = "42501";

/**
 * Proves one latest summary per (video, variant), at its highest revision, then builds what
 * dropDeferredStructure took away, in one transaction. Refuses (and rebuilds nothing) when the
 * proof fails: the unique latest index could not be built, and the contract's writers would
 * meet a broken pointer.
 */
export async function completeInitialLoad(client: pg.ClientBase, onBuilt?: BuiltReporter): Promise<void> {
  const latest = await oneLatestCheck(client);
  if (!latest.ok) {
    throw new OwnerFacingError(
      `The initial load is not complete: ${latest.detail}. The target's indexes and triggers stay off; nothing else changed. Report this: the copy's merge gave a video two latest summaries.`,
      "one-latest",
    );
  }
  await restoreDeferredStructure(client, onBuilt);
}
