import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import type { AppContext } from "../app-context";
import {
  assertSourcesUnchangedSinceBackup as assertFreezeHeld,
  checkFreeze,
  MANIFEST_FILE,
  readManifest,
  runBackup,
  type BackupManifest,
} from "../backup";
import { ensureDemoPair, liveSourcesOf, sourceStateKey } from "../sources/source-paths";
import { approvalInForce, findRun, latestRun } from "../workflow/store";
import { freezeCheckedOnce } from "./freeze-cache";
import { checkFreezeRemembering, recordProvedWitness, sourcesWitness, type SourcesWitness } from "./freeze-witness";
import { readOwnerFact, recordOwnerFact, type RunInput } from "../workflow/workflow";
import { OwnerFacingError, type CheckResult } from "../workflow/types";

/**
 * Step 1 (Backup) glue between the backup engine and the workflow core; the panel's server
 * actions and the CLI both call this, so the rules live once.
 */
export const PROCESSING_STOPPED_FACT = "processing_stopped";
export const PROCESSING_STOPPED_STATEMENT =
  "I have stopped the NAS processing (Telegram bot, sync job) and will not restart it until the cutover is done";
export const FREEZE_CHECK_NAME = "Sources unchanged since the backup";

export type ProcessingStopped = { value: { stopped: true; statement: string }; updatedAt: string; updatedBy: string };

export async function confirmProcessingStopped(ctx: AppContext, actor: string): Promise<void> {
  const value = { stopped: true, statement: PROCESSING_STOPPED_STATEMENT };
  await recordOwnerFact(ctx, PROCESSING_STOPPED_FACT, value, actor, "backup");
}

export async function readProcessingStopped(ctx: AppContext): Promise<ProcessingStopped | undefined> {
  const fact = await readOwnerFact<ProcessingStopped["value"]>(ctx, PROCESSING_STOPPED_FACT);
  return fact?.value.stopped ? fact : undefined;
}

/** The run action: refused (audited, no run) until the owner says processing is stopped. */
export function backupRunInput(ctx: AppContext, actor: string, options: { signal?: AbortSignal } = {}): RunInput {
  return {
    stepId: "backup",
    action: "run",
    actor,
    precondition: async () => {
      if (await readProcessingStopped(ctx)) return;
      throw new OwnerFacingError(
        "Confirm that processing is stopped first: stop the NAS's Telegram bot and sync job, then confirm it on the Backup page (or run npx cutover backup --processing-stopped).",
        "processing-not-stopped",
      );
    },
    // A bad source (missing, damaged, locked…) throws the engine's OwnerFacingError: the run fails with that line.
    execute: async (report) => {
      ensureDemoPair(ctx.env, ctx.paths);
      const result = await runBackup({
        sources: liveSources(ctx),
        backupsDir: ctx.paths.backupsDir,
        expectedCategorized: ctx.env.expectedCategorized,
        onProgress: report,
        signal: options.signal,
      });
      return {
        checks: result.outcome.checks,
        evidence: { ...result.outcome.evidence, manifestPath: result.manifestPath },
      };
    },
  };
}

type BackupEvidence = { backupId?: unknown; manifestPath?: unknown };

/** The manifest a run's evidence (stored JSON, or parsed) names: by id in this data dir's backups/, else by the recorded path. */
export function manifestOfEvidence(ctx: AppContext, stored: string | object | null): BackupManifest | null {
  if (!stored) return null;
  const evidence = (typeof stored === "string" ? JSON.parse(stored) : stored) as BackupEvidence;
  const candidates = [
    typeof evidence.backupId === "string" ? path.join(ctx.paths.backupsDir, evidence.backupId) : null,
    typeof evidence.manifestPath === "string" ? path.dirname(evidence.manifestPath) : null,
  ];
  for (const dir of candidates) {
    if (dir && existsSync(path.join(dir, MANIFEST_FILE))) return readManifest(dir);
  }
  return null;
}

async function manifestOfRunOrThrow(ctx: AppContext, runId: number | undefined, which: string) {
  const run = runId === undefined ? null : await findRun(ctx.db, runId);
  if (!run) throw new OwnerFacingError(`There is no ${which} backup run.`, "no-backup");
  const manifest = manifestOfEvidence(ctx, run.evidence);
  if (!manifest) {
    throw new OwnerFacingError(
      `The manifest of backup run #${run.id} is missing from ${ctx.paths.backupsDir}; run the backup again.`,
      "manifest-missing",
    );
  }
  return manifest;
}

/** Live sources only: the gate reads what is there now (a URL afresh), never regenerates a demo file. */
export function liveSources(ctx: AppContext) {
  return liveSourcesOf(ctx.env, ctx.paths);
}

/**
 * The approval gate: the freeze held if the live sources still fingerprint as the backup to
 * approve. `reuse` lets a page that only shows whether approval would pass reuse an earlier
 * pass while the files are untouched; the approval itself always reads them again.
 */
export async function backupApprovalGate(ctx: AppContext, options: { reuse?: boolean } = {}): Promise<CheckResult[]> {
  try {
    const latest = await latestRun(ctx.db, "backup", "passed");
    const manifest = await manifestOfRunOrThrow(ctx, latest?.id, "passed");
    const sources = liveSources(ctx);
    const check = () =>
      checkFreezeRemembering(ctx, manifest, (provenBytes) => checkFreeze({ sources, manifest, provenBytes }));
    const freeze = options.reuse
      ? await freezeCheckedOnce(`backup gate, ${manifest.backupId}`, sourceStateKey(ctx.env, ctx.paths), check)
      : await check();
    return [
      {
        name: FREEZE_CHECK_NAME,
        ok: freeze.ok,
        detail: freeze.ok
          ? freeze.detail
          : `${freeze.detail}. Stop whatever writes to the sources, then take the backup again`,
        evidence: freeze.sources.map(({ role, ok, fingerprint, changes }) => ({ role, ok, fingerprint, changes })),
      },
    ];
  } catch (error) {
    // A source gone or locked at approval time is a failed gate (audited as a refusal), not a crash.
    if (error instanceof OwnerFacingError) return [{ name: FREEZE_CHECK_NAME, ok: false, detail: error.message }];
    throw error;
  }
}

/**
 * Keeps the approval gate's freeze proof (freeze-witness.ts): the gate just fingerprinted both
 * sources as the backup, so when they are untouched from before the gate read them (`before`)
 * until now, the first copy's precondition need not read them again.
 */
export async function keepApprovalFreezeProof(ctx: AppContext, before: SourcesWitness): Promise<void> {
  if (before === null || sourcesWitness(ctx) !== before) return;
  const approval = await approvalInForce(ctx.db, "backup");
  const manifest = approval ? manifestOfEvidence(ctx, approval.evidence) : null;
  if (!approval || !manifest) return;
  recordProvedWitness(ctx, { approvalId: approval.id, backupId: manifest.backupId }, before);
}

/** For later steps (Copy): refuses with one line when a source drifted since the approved backup. */
export async function assertSourcesUnchangedSinceBackup(ctx: AppContext): Promise<void> {
  const approval = await approvalInForce(ctx.db, "backup");
  if (!approval) throw new OwnerFacingError("Refused: the backup is not approved yet.", "locked");
  const manifest = await manifestOfRunOrThrow(ctx, approval.runId, "approved");
  await checkFreezeRemembering(ctx, manifest, (provenBytes) =>
    assertFreezeHeld({ sources: liveSources(ctx), manifest, provenBytes }),
  );
}
