import "server-only";
import type { AppContext } from "@/lib/app-context";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import { OwnerFacingError } from "@/lib/workflow/types";
import { readOwnerFact, recordOwnerFact, withWorkflowLease } from "@/lib/workflow/workflow";

/**
 * Dual write on/off. The real programs are switched by their environment (YTV2-CONTRACT.md §4),
 * never by this tool: the owner sets the NAS's switches and confirms; the tool records
 * `dual_write_mode` in the target's migration_flags and, with who and when, as an owner fact.
 * The time dual write was confirmed on starts the parity window.
 */
export const DUAL_WRITE_FACT = "dual_write_mode";

export const NAS_SWITCHES = {
  on: "On the NAS: DUAL_SYNC=true and PG_INGEST_ENABLED=true, POSTGRES_ONLY=false, its DATABASE_URL pointing at this target; restart the NAS processing.",
  off: "On the NAS: DUAL_SYNC=false and SQLITE_SYNC_ENABLED=false, POSTGRES_ONLY=true (PostgreSQL only); restart the NAS processing.",
} as const;

export type DualWriteMode = { enabled: boolean; statement: string; target: string };
export type DualWriteState = { enabled: boolean; since: string; by: string; target: string } | null;

export async function readDualWrite(ctx: AppContext): Promise<DualWriteState> {
  const fact = await readOwnerFact<DualWriteMode>(ctx, DUAL_WRITE_FACT);
  if (!fact) return null;
  return { enabled: fact.value.enabled, since: fact.updatedAt, by: fact.updatedBy, target: fact.value.target };
}

/**
 * Records the owner's confirmation that the NAS's switches are set. Refused (audited) while
 * step 4 is locked, i.e. until step 3 is approved; a repeat of the current mode changes nothing.
 */
export async function setDualWrite(
  ctx: AppContext,
  databaseUrl: string,
  mode: "on" | "off",
  actor: string,
): Promise<{ changed: boolean; state: NonNullable<DualWriteState> }> {
  const enabled = mode === "on";
  return withWorkflowLease(
    ctx,
    actor,
    "parity",
    `dual-write ${mode}`,
    async () => {
      const target = describeTarget(databaseUrl);
      const current = await readDualWrite(ctx);
      if (current && current.enabled === enabled && current.target === target)
        return { changed: false, state: current };
      await withTargetClient(databaseUrl, async (client) => {
        const { rowCount } = await client.query(
          "UPDATE migration_flags SET enabled = $1, updated_by = $2 WHERE name = 'dual_write_mode'",
          [enabled, actor],
        );
        if (rowCount !== 1)
          throw new OwnerFacingError(
            `Refused: ${target} has no dual_write_mode flag; apply the schema (step 2) first.`,
          );
      });
      await recordOwnerFact(
        ctx,
        DUAL_WRITE_FACT,
        { enabled, statement: NAS_SWITCHES[mode], target } satisfies DualWriteMode,
        actor,
        "parity",
      );
      return { changed: true, state: (await readDualWrite(ctx))! };
    },
    { requireOpen: true },
  );
}
