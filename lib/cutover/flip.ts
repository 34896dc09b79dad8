import "server-only";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import { listCards } from "@/lib/contract/dashboard-pg";
import { controlTransaction } from "@/lib/control/control-db";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import { upsertOwnerFact } from "@/lib/workflow/store";
import { OwnerFacingError } from "@/lib/workflow/types";
import { withWorkflowLease } from "@/lib/workflow/workflow";
import { verifyDashboardBackend } from "./backend-health";
import { readVideoStates, storeFlipSnapshot } from "./flip-snapshot";
import { FLIP_FACT, readFlipState, type FlipState, type FlipVerification } from "./flip-state";
import { cutoverReadiness } from "./gate";
import { FLIP_PHRASE, FLIP_SWITCHES, SWITCHED_PHRASE, typedMatches } from "./switches";

export async function setReadFromPostgres(databaseUrl: string, enabled: boolean, actor: string) {
  await withTargetClient(databaseUrl, async (client) => {
    const { rowCount } = await client.query(
      "UPDATE migration_flags SET enabled = $1, updated_by = $2 WHERE name = 'read_from_postgres'",
      [enabled, actor],
    );
    if (rowCount !== 1)
      throw new OwnerFacingError(
        `Refused: ${describeTarget(databaseUrl)} has no read_from_postgres flag; apply the schema (step 2) first.`,
      );
  });
}

async function saveFlip(ctx: AppContext, state: FlipState, actor: string, action: string, detail: object) {
  await controlTransaction(ctx.db, async (tx) => {
    await upsertOwnerFact(tx, FLIP_FACT, state, actor);
    await appendAudit(tx, {
      actor,
      step: "cutover",
      action,
      outcome: "ok",
      detail: { flipId: state.flipId, ...detail },
    });
  });
}

/**
 * The flip: refused (nothing recorded) unless the phrase is typed and every item before it holds
 * — freeze window unchanged, final parity clean, drill passed, scan settled. Takes the flip
 * snapshot, records read_from_postgres, and returns the switches the owner now changes.
 */
export async function flip(ctx: AppContext, databaseUrl: string, actor: string, confirmation: string | undefined) {
  return withWorkflowLease(
    ctx,
    actor,
    "cutover",
    "flip",
    async () => {
      if (!typedMatches(FLIP_PHRASE, confirmation))
        throw new OwnerFacingError(`Refused: type "${FLIP_PHRASE}" to flip; nothing was changed.`, "confirmation");
      const current = await readFlipState(ctx);
      if (current?.active)
        throw new OwnerFacingError(`Refused: already flipped (flip ${current.flipId}); nothing was changed.`, "noop");
      const missing = (await cutoverReadiness(ctx, describeTarget(databaseUrl))).filter((check) => !check.ok);
      if (missing.length > 0)
        throw new OwnerFacingError(
          `Refused: the flip waits for ${missing.map((c) => `${c.name} (${c.detail})`).join("; ")}. Nothing was changed.`,
          "gate",
        );
      const states = await withTargetClient(databaseUrl, readVideoStates);
      const flipId = (current?.flipId ?? 0) + 1;
      const flippedAt = new Date().toISOString();
      await storeFlipSnapshot(ctx.db, flipId, states, flippedAt);
      await setReadFromPostgres(databaseUrl, true, actor);
      const state: FlipState = {
        flipId,
        target: describeTarget(databaseUrl),
        flippedAt,
        flippedBy: actor,
        active: true,
        verified: null,
        rolledBack: null,
      };
      await saveFlip(ctx, state, actor, "flip", { videos: Object.keys(states).length });
      return { state, switches: FLIP_SWITCHES.toPostgres };
    },
    { requireOpen: true },
  );
}

/**
 * Verifies the flip: with DASHBOARD_URL, polls /health/backend until it reports PostgreSQL and
 * the target's listed count (a refusal names what it saw); without it, the owner's typed
 * confirmation that he switched and restarted. Audited either way.
 */
export async function verifyFlip(
  ctx: AppContext,
  databaseUrl: string,
  actor: string,
  options: {
    confirmation?: string;
    timeoutMs?: number;
    intervalMs?: number;
    requestTimeoutMs?: number;
    signal?: AbortSignal;
  } = {},
) {
  return withWorkflowLease(
    ctx,
    actor,
    "cutover",
    "verify flip",
    async () => {
      const state = await readFlipState(ctx);
      if (!state?.active) throw new OwnerFacingError("Refused: nothing to verify; flip first (npx cutover flip).");
      let verified: FlipVerification;
      const dashboardUrl = ctx.env.dashboardUrl;
      if (dashboardUrl) {
        const expectedCount = await withTargetClient(
          databaseUrl,
          async (client) => (await listCards(client)).total_count,
        );
        try {
          const proof = await verifyDashboardBackend({ dashboardUrl, expectedCount, ...options });
          verified = {
            how: "health",
            at: new Date().toISOString(),
            url: proof.url,
            attempts: proof.attempts,
            health: proof.health,
            expectedCount,
          };
        } catch (error) {
          await controlTransaction(ctx.db, (tx) =>
            appendAudit(tx, {
              actor,
              step: "cutover",
              action: "verify flip",
              outcome: "failed",
              detail: { flipId: state.flipId, error: (error as Error).message },
            }),
          );
          throw error;
        }
      } else {
        if (!typedMatches(SWITCHED_PHRASE, options.confirmation))
          throw new OwnerFacingError(
            `Refused: DASHBOARD_URL is not set, so confirm by typing "${SWITCHED_PHRASE}" once the Dashboard reads PostgreSQL after its restart.`,
            "confirmation",
          );
        verified = { how: "owner", at: new Date().toISOString(), by: actor, statement: SWITCHED_PHRASE };
      }
      const next = { ...state, verified };
      await saveFlip(ctx, next, actor, "verify flip", { how: verified.how });
      return next;
    },
    { requireOpen: true },
  );
}
