import "server-only";
import type pg from "pg";
import type { AppContext } from "@/lib/app-context";
import { describeError } from "@/lib/common/action-result";
import { withTargetClient } from "@/lib/target/connect";
import { resolveTargetUrl } from "@/lib/target/target-url";

/**
 * Reads from PostgreSQL for the review pages. An unreachable target does not fail the page:
 * the PostgreSQL column says why it is empty and the sources stay reviewable.
 */
export type TargetRead<T> = { ok: true; value: T } | { ok: false; error: string };

export async function readTarget<T>(ctx: AppContext, fn: (client: pg.Client) => Promise<T>): Promise<TargetRead<T>> {
  try {
    const url = await resolveTargetUrl(ctx);
    return { ok: true, value: await withTargetClient(url, fn) };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}
