import "server-only";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import { openReadOnly } from "@/lib/backup/source-access";
import { controlTransaction } from "@/lib/control/control-db";
import { ensureDemoPair, liveSourcesOf } from "@/lib/sources/source-paths";
import { withLiveSource } from "@/lib/sources/live-source";
import { withTargetClient } from "@/lib/target/connect";
import { revokeApprovalsFrom } from "@/lib/workflow/approvals";
import { approvalInForce, upsertOwnerFact } from "@/lib/workflow/store";
import { OwnerFacingError } from "@/lib/workflow/types";
import { withWorkflowLease } from "@/lib/workflow/workflow";
import { loadFlipSnapshot, rollbackDelta, type RollbackDelta } from "./flip-snapshot";
import { FLIP_FACT, readFlipState, type FlipState } from "./flip-state";
import { setReadFromPostgres } from "./flip";
import { FLIP_SWITCHES, ROLLBACK_PHRASE, typedMatches } from "./switches";

/**
 * Rollback, until step 6 is approved: the delta first (what reading SQLite again would do to the
 * owner's data since the flip), then, typed, read_from_postgres off, the switches back, and step
 * 5's approval revoked, audited.
 */
async function assertRollbackPossible(ctx: AppContext): Promise<FlipState> {
  if (await approvalInForce(ctx.db, "archive"))
    throw new OwnerFacingError(
      "Refused: step 6 (Archive) is approved; the SQLite files are archived and rollback is closed.",
    );
  const state = await readFlipState(ctx);
  if (!state?.active) throw new OwnerFacingError("Refused: nothing to roll back; the Dashboard has not been flipped.");
  return state;
}

export async function previewRollback(ctx: AppContext, databaseUrl: string) {
  const state = await assertRollbackPossible(ctx);
  return { state, delta: await deltaOf(ctx, databaseUrl, state.flipId) };
}

async function deltaOf(ctx: AppContext, databaseUrl: string, flipId: number): Promise<RollbackDelta> {
  const atFlip = await loadFlipSnapshot(ctx.db, flipId);
  if (!atFlip) throw new OwnerFacingError(`Refused: the snapshot of flip ${flipId} is missing from the control DB.`);
  ensureDemoPair(ctx.env, ctx.paths);
  return withLiveSource(liveSourcesOf(ctx.env, ctx.paths).dashboard, {}, async (file) => {
    const dashboard = openReadOnly(file);
    try {
      return await withTargetClient(databaseUrl, (client) => rollbackDelta(client, atFlip, dashboard));
    } finally {
      dashboard.close();
    }
  });
}

export async function rollback(ctx: AppContext, databaseUrl: string, actor: string, confirmation: string | undefined) {
  return withWorkflowLease(
    ctx,
    actor,
    "cutover",
    "rollback",
    async () => {
      const state = await assertRollbackPossible(ctx);
      if (!typedMatches(ROLLBACK_PHRASE, confirmation))
        throw new OwnerFacingError(
          `Refused: type "${ROLLBACK_PHRASE}" to roll back; nothing was changed.`,
          "confirmation",
        );
      const delta = await deltaOf(ctx, databaseUrl, state.flipId);
      await setReadFromPostgres(databaseUrl, false, actor);
      const next: FlipState = { ...state, active: false, rolledBack: { at: new Date().toISOString(), by: actor } };
      const revoked = await controlTransaction(ctx.db, async (tx) => {
        await upsertOwnerFact(tx, FLIP_FACT, next, actor);
        await appendAudit(tx, {
          actor,
          step: "cutover",
          action: "rollback",
          outcome: "ok",
          detail: {
            flipId: state.flipId,
            wouldComeBack: delta.wouldComeBack.map((d) => d.videoId),
            wouldVanish: delta.wouldVanish.map((d) => d.videoId),
            changedSinceFlip: delta.changedSinceFlip.map((d) => d.videoId),
          },
        });
        return revokeApprovalsFrom(tx, "cutover", `rolled back flip ${state.flipId}`, actor);
      });
      return { state: next, delta, revoked, switches: FLIP_SWITCHES.backToSqlite };
    },
    { requireOpen: true },
  );
}
