import "server-only";
import type pg from "pg";
import { OwnerFacingError } from "@/lib/workflow/types";

/**
 * One writer at a time on the target. The key is fixed so every process of this tool (the
 * panel, a CLI in another terminal) contends for the same lock. It is a session lock, so a
 * long action may run several transactions under it; it is released when `fn` ends, or by
 * the server when the connection dies.
 */
export const TARGET_LOCK_KEY = 7_265_002;

export async function withTargetLock<T>(client: Pick<pg.ClientBase, "query">, fn: () => Promise<T>): Promise<T> {
  const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
    TARGET_LOCK_KEY,
  ]);
  if (!rows[0]?.locked) {
    throw new OwnerFacingError("busy: another action is writing to the target", "busy");
  }
  try {
    return await fn();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [TARGET_LOCK_KEY]).catch(() => undefined);
  }
}
