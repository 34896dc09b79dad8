import "server-only";
import { checkFreeze } from "@/lib/backup";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import { lastCopyRun, runCopy } from "@/lib/copy/run-copy";
import { describeTarget } from "@/lib/target/connect";
import { buildPlan, currentPlan, type PlanResult } from "@/lib/merge/planner";
import { loadDecisions } from "@/lib/merge/store/decisions";
import { canonicalHash } from "@/lib/merge/transforms";
import { prepareMergeSources, resolveSourcePaths } from "@/lib/sources/source-paths";
import { verifyTarget } from "@/lib/verify/verify-target";
import { approvalInForce } from "@/lib/workflow/store";
import { withWorkflowLease, type RunInput } from "@/lib/workflow/workflow";
import { OwnerFacingError, type CheckResult, type ProgressReporter, type StepOutcome } from "@/lib/workflow/types";
import {
  assertSourcesUnchangedSinceBackup,
  FREEZE_CHECK_NAME,
  liveSources as sourcesAsTheyAreNow,
  manifestOfEvidence,
} from "./backup-step";
import { assertSchemaApprovedForTarget } from "./schema-step";

/**
 * Step 3 (Copy & diff) for the workflow core. `copy` plans when no plan of these very files
 * exists, copies (resuming an interrupted run), then verifies; `verify` only verifies. Both
 * refuse while a source differs from the approved backup. `plan` is read-only and audited.
 */
export const COPY_ACTION = "copy";
export const VERIFY_ACTION = "verify";

function liveSources(ctx: AppContext) {
  const { nas, dashboard } = resolveSourcePaths(ctx.env, ctx.paths);
  return { nas, dashboard };
}

/**
 * Under the lease: a plan rewritten while a copy reads it would mix two plans in one run.
 * Refused (audited) while step 3 is locked, like every action of the step.
 */
export async function planAction(ctx: AppContext, actor: string, onProgress?: ProgressReporter): Promise<PlanResult> {
  return withWorkflowLease(ctx, actor, "copy", "plan", () => buildAuditedPlan(ctx, actor, onProgress), {
    requireOpen: true,
  });
}

async function buildAuditedPlan(ctx: AppContext, actor: string, onProgress?: ProgressReporter): Promise<PlanResult> {
  const { nas, dashboard } = await prepareMergeSources(ctx.env, ctx.paths);
  const result = await buildPlan({
    db: ctx.db,
    controlDbFile: ctx.paths.controlDb,
    sources: { nas, dashboard },
    onProgress,
  });
  await appendAudit(ctx.db, {
    actor,
    step: "copy",
    action: "plan",
    outcome: "ok",
    detail: { planId: result.planId, ...result.counts },
  });
  return result;
}

/** The freeze check against the approved backup, as a check (verify reports it, never throws it). */
async function freezeCheck(ctx: AppContext): Promise<CheckResult> {
  const approval = await approvalInForce(ctx.db, "backup");
  const manifest = approval ? manifestOfEvidence(ctx, approval.evidence) : null;
  if (!manifest)
    return { name: FREEZE_CHECK_NAME, ok: false, detail: "no approved backup to compare the sources with" };
  try {
    const freeze = await checkFreeze({ sources: sourcesAsTheyAreNow(ctx), manifest });
    return { name: FREEZE_CHECK_NAME, ok: freeze.ok, detail: freeze.detail, evidence: { backupId: manifest.backupId } };
  } catch (error) {
    if (error instanceof OwnerFacingError) return { name: FREEZE_CHECK_NAME, ok: false, detail: error.message };
    throw error;
  }
}

async function verifyOutcome(ctx: AppContext, databaseUrl: string, report: ProgressReporter): Promise<StepOutcome> {
  const sources = liveSources(ctx);
  const plan = await currentPlan(ctx.db, sources);
  const decisions = await loadDecisions(ctx.db);
  const result = await verifyTarget(ctx, {
    databaseUrl,
    sources,
    plan,
    onProgress: report,
    extraChecks: async () => [await freezeCheck(ctx)],
  });
  const copyHash = canonicalHash({ sources: plan?.planHash ?? null, decisions: decisions.hash });
  return {
    checks: result.checks,
    evidence: { planHash: copyHash, recordsDigest: result.recordsDigest, decisions: decisions.count },
  };
}

export function copyRunInput(
  ctx: AppContext,
  databaseUrl: string,
  actor: string,
  options: { signal?: AbortSignal } = {},
): RunInput {
  return {
    stepId: "copy",
    action: COPY_ACTION,
    actor,
    precondition: async () => {
      await assertSchemaApprovedForTarget(ctx, databaseUrl);
      await assertSourcesUnchangedSinceBackup(ctx);
    },
    execute: async (report) => {
      const sources = liveSources(ctx);
      let plan = await currentPlan(ctx.db, sources);
      if (!plan) {
        const built = await buildPlan({ db: ctx.db, controlDbFile: ctx.paths.controlDb, sources, onProgress: report });
        plan = await ctx.db.mergePlan.findUniqueOrThrow({ where: { id: built.planId } });
      }
      await runCopy({
        db: ctx.db,
        controlDbFile: ctx.paths.controlDb,
        databaseUrl,
        sources,
        plan,
        onProgress: report,
        signal: options.signal,
      });
      return verifyOutcome(ctx, databaseUrl, report);
    },
  };
}

/** Refused before anything was copied into this target: a verify would only list every record as missing. */
export function verifyRunInput(ctx: AppContext, databaseUrl: string, actor: string): RunInput {
  return {
    stepId: "copy",
    action: VERIFY_ACTION,
    actor,
    precondition: async () => {
      await assertSchemaApprovedForTarget(ctx, databaseUrl);
      if (!(await lastCopyRun(ctx.db, databaseUrl))) {
        throw new OwnerFacingError(
          `Refused: nothing has been copied into ${describeTarget(databaseUrl)} yet, so there is nothing to verify. Run Copy and verify first (npx cutover copy): it ends with a verify.`,
          "nothing-copied",
        );
      }
      await assertSourcesUnchangedSinceBackup(ctx);
    },
    execute: (report) => verifyOutcome(ctx, databaseUrl, report),
  };
}
