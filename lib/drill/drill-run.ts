import "server-only";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import { canonicalHash, canonicalJson } from "@/lib/common/canonical-json";
import { controlTransaction, type ControlDb } from "@/lib/control/control-db";
import { assertSchemaApprovedForTarget } from "@/lib/steps/schema-step";
import { approvalInForce } from "@/lib/workflow/store";
import { OwnerFacingError } from "@/lib/workflow/types";
import { runDeleteDrill, type DrillOptions, type DrillResult } from "./run-drill";

/**
 * The drill as an action of step 5: refused until step 3 (Copy & diff) is approved, as the
 * server's step order has it (the drill never touches the owner's rows, but it proves the target
 * the copy filled). A completed drill, passed or failed, is stored with its evidence hash and
 * audited in one control transaction; a drill that could not run (target unreachable, busy)
 * stores nothing.
 */
export type StoredDrillRun = { id: number; actor: string; ok: boolean; evidenceHash: string; result: DrillResult };

export async function assertDrillAllowed(ctx: AppContext, databaseUrl: string) {
  if (!(await approvalInForce(ctx.db, "copy")))
    throw new OwnerFacingError(
      "Refused: the delete drill runs once step 3 (Copy & diff) is approved; nothing was run.",
      "locked",
    );
  await assertSchemaApprovedForTarget(ctx, databaseUrl);
}

export async function drillAction(
  ctx: AppContext,
  databaseUrl: string,
  actor: string,
  options: DrillOptions = {},
): Promise<StoredDrillRun> {
  await assertDrillAllowed(ctx, databaseUrl);
  const result = await runDeleteDrill(databaseUrl, options);
  const evidence = canonicalJson(result);
  const evidenceHash = canonicalHash(result);
  const failed = result.checks.filter((check) => !check.ok).map((check) => check.name);
  const id = await controlTransaction(ctx.db, async (tx) => {
    const row = await tx.drillRun.create({
      data: {
        startedAt: result.startedAt,
        finishedAt: result.finishedAt,
        actor,
        target: result.target,
        ok: result.ok,
        evidence,
        evidenceHash,
      },
    });
    await appendAudit(tx, {
      actor,
      step: "cutover",
      action: "drill",
      outcome: result.ok ? "ok" : "failed",
      detail: {
        drillRun: row.id,
        evidenceHash,
        target: result.target,
        checks: result.checks.length,
        failed,
        nonCascade: result.nonCascade.map((reference) => reference.table),
        leftoversDropped: result.leftoversDropped,
      },
    });
    return row.id;
  });
  return { id, actor, ok: result.ok, evidenceHash, result };
}

/** The latest stored drill, for step 5's page and gate; null before the first. */
export async function latestDrillRun(db: ControlDb): Promise<StoredDrillRun | null> {
  const row = await db.drillRun.findFirst({ orderBy: { id: "desc" } });
  if (!row) return null;
  return {
    id: row.id,
    actor: row.actor,
    ok: row.ok,
    evidenceHash: row.evidenceHash,
    result: JSON.parse(row.evidence) as DrillResult,
  };
}
