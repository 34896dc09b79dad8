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
import { checkFreezeInThread } from "@/lib/verify/freeze-thread";
import { mergeThreads } from "@/lib/merge/worker/merge-products";
import { approvalInForce } from "@/lib/workflow/store";
import { withWorkflowLease, type RunInput } from "@/lib/workflow/workflow";
import { OwnerFacingError, type CheckResult, type ProgressReporter, type StepOutcome } from "@/lib/workflow/types";
import {
  assertSourcesUnchangedSinceBackup,
  FREEZE_CHECK_NAME,
  liveSources as sourcesAsTheyAreNow,
  manifestOfEvidence,
} from "./backup-step";
import { checkFreezeRemembering, provedUnchanged, recordProvedWitness, sourcesWitness } from "./freeze-witness";
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

type Proof = { approvalId: number; backupId: string };

/** The freeze check against the approved backup, as a check (verify reports it, never throws it). */
async function freezeCheck(
  ctx: AppContext,
  options: { inThread?: boolean } = {},
): Promise<{ check: CheckResult; proof: Proof | null }> {
  const approval = await approvalInForce(ctx.db, "backup");
  const manifest = approval ? manifestOfEvidence(ctx, approval.evidence) : null;
  if (!approval || !manifest) {
    return {
      check: { name: FREEZE_CHECK_NAME, ok: false, detail: "no approved backup to compare the sources with" },
      proof: null,
    };
  }
  try {
    const sources = sourcesAsTheyAreNow(ctx);
    const freeze = await checkFreezeRemembering(ctx, manifest, (provenBytes) =>
      options.inThread
        ? checkFreezeInThread({ sources, manifest, provenBytes }, mergeThreads(liveSources(ctx)))
        : checkFreeze({ sources, manifest, provenBytes }),
    );
    return {
      check: {
        name: FREEZE_CHECK_NAME,
        ok: freeze.ok,
        detail: freeze.detail,
        evidence: { backupId: manifest.backupId },
      },
      proof: { approvalId: approval.id, backupId: manifest.backupId },
    };
  } catch (error) {
    if (error instanceof OwnerFacingError) {
      return { check: { name: FREEZE_CHECK_NAME, ok: false, detail: error.message }, proof: null };
    }
    throw error;
  }
}

/**
 * Copy's and verify's precondition: refuses while a source differs from the approved backup.
 * Sources untouched since they last fingerprinted as this backup (freeze-witness.ts) are not
 * read again here: the run itself proves them once more, while it reads the target.
 */
async function assertSourcesUnchanged(ctx: AppContext): Promise<void> {
  const approval = await approvalInForce(ctx.db, "backup");
  const manifest = approval ? manifestOfEvidence(ctx, approval.evidence) : null;
  const proof = approval && manifest ? { approvalId: approval.id, backupId: manifest.backupId } : null;
  if (proof && provedUnchanged(ctx, proof)) return;
  const before = sourcesWitness(ctx);
  await assertSourcesUnchangedSinceBackup(ctx);
  if (proof && before === sourcesWitness(ctx)) recordProvedWitness(ctx, proof, before);
}

/**
 * The target checks and the freeze check in one pass: both sources are fingerprinted once, while
 * the target is read. A source written after its fingerprint was taken (its witness changed
 * during the run) is fingerprinted again at the end, as the freeze check always was.
 */
async function verifyOutcome(ctx: AppContext, databaseUrl: string, report: ProgressReporter): Promise<StepOutcome> {
  const sources = liveSources(ctx);
  const plan = await currentPlan(ctx.db, sources);
  const decisions = await loadDecisions(ctx.db);
  const before = sourcesWitness(ctx);
  const freeze = freezeCheck(ctx, { inThread: true });
  freeze.catch(() => undefined);
  const freezeAtEnd = async (): Promise<CheckResult> => {
    const { check, proof } = await freeze;
    if (!check.ok || before === null) return check;
    if (sourcesWitness(ctx) !== before) return (await freezeCheck(ctx)).check;
    if (proof) recordProvedWitness(ctx, proof, before);
    return check;
  };
  const result = await verifyTarget(ctx, {
    databaseUrl,
    sources,
    plan,
    onProgress: report,
    extraChecks: async () => [await freezeAtEnd()],
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
      await assertSourcesUnchanged(ctx);
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
      await assertSourcesUnchanged(ctx);
    },
    execute: (report) => verifyOutcome(ctx, databaseUrl, report),
  };
}
