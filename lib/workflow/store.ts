import "server-only";
import type { ControlDb, ControlTx } from "../control/control-db";
import type { CheckResult } from "./types";
import type { StepId } from "./steps";

/**
 * The control DB's workflow tables (runs, their checks, approvals, owner facts): every query
 * the core and the step views make of them lives here. Writes take a transaction client, so
 * each change is committed together with its audit entry (lib/control/control-db.ts).
 */
export type StoredRun = NonNullable<Awaited<ReturnType<ControlDb["stepRun"]["findFirst"]>>>;
export type StoredApproval = NonNullable<Awaited<ReturnType<ControlDb["approval"]["findFirst"]>>>;
export type StoredCheck = NonNullable<Awaited<ReturnType<ControlDb["checkRecord"]["findFirst"]>>>;

// ——— runs

export function latestRun(db: ControlTx, step: StepId, status?: StoredRun["status"]) {
  return db.stepRun.findFirst({ where: { step, ...(status ? { status } : {}) }, orderBy: { id: "desc" } });
}

export function findRun(db: ControlTx, id: number) {
  return db.stepRun.findUnique({ where: { id } });
}

export function recentRuns(db: ControlTx, step: StepId, take: number) {
  return db.stepRun.findMany({ where: { step }, orderBy: { id: "desc" }, take });
}

export function runsMarkedRunning(db: ControlTx) {
  return db.stepRun.findMany({ where: { status: "running" } });
}

/** The latest run of the step that recorded checks (a copy or a verify, for step 3's last verify). */
export function latestRunWithChecks(db: ControlTx, step: StepId) {
  return db.stepRun.findFirst({
    where: { step, checks: { some: {} } },
    orderBy: { id: "desc" },
    include: { checks: { orderBy: { position: "asc" } } },
  });
}

/** The latest run that ended with evidence, passed or failed (what a copy applied). */
export function latestRunWithEvidence(db: ControlTx, step: StepId) {
  return db.stepRun.findFirst({
    where: { step, status: { in: ["passed", "failed"] }, evidence: { not: null } },
    orderBy: { id: "desc" },
  });
}

export function checksOfRun(db: ControlTx, runId: number) {
  return db.checkRecord.findMany({ where: { runId }, orderBy: { position: "asc" } });
}

export function countWaivableFailures(db: ControlTx, runId: number) {
  return db.checkRecord.count({ where: { runId, ok: false, waivable: true } });
}

/** Conditional: only a run still marked running changes; returns how many did. */
export async function markRunInterrupted(db: ControlTx, runId: number, error: string): Promise<number> {
  const result = await db.stepRun.updateMany({
    where: { id: runId, status: "running" },
    data: { status: "interrupted", finishedAt: new Date().toISOString(), error },
  });
  return result.count;
}

export function createRun(
  tx: ControlTx,
  run: { step: StepId; action: string; actor: string; leaseHolder: string },
): Promise<StoredRun> {
  return tx.stepRun.create({ data: { ...run, status: "running", startedAt: new Date().toISOString() } });
}

export function updateRunProgress(db: ControlTx, runId: number, progress: string) {
  return db.stepRun.updateMany({ where: { id: runId, status: "running" }, data: { progress } });
}

/**
 * Conditional, so a run is finished once; false when it was not running. "interrupted" counts
 * as running here: a page may have marked it so while its holder looked gone, and the run's
 * own ending is the truth.
 */
export async function finishRun(
  tx: ControlTx,
  runId: number,
  end: { status: "passed" | "failed" | "cancelled"; error?: string; evidence?: string; evidenceHash?: string },
): Promise<boolean> {
  const result = await tx.stepRun.updateMany({
    where: { id: runId, status: { in: ["running", "interrupted"] } },
    data: {
      status: end.status,
      finishedAt: new Date().toISOString(),
      error: end.error ?? null,
      evidence: end.evidence ?? null,
      evidenceHash: end.evidenceHash ?? null,
    },
  });
  return result.count === 1;
}

export async function saveChecks(tx: ControlTx, runId: number, checks: CheckResult[]) {
  await tx.checkRecord.createMany({
    data: checks.map((check, position) => ({
      runId,
      position,
      name: check.name,
      ok: check.ok,
      waivable: check.waivable ?? false,
      detail: check.detail,
      evidence: check.evidence === undefined ? null : JSON.stringify(check.evidence),
    })),
  });
}

// ——— approvals

/**
 * The approval in force for a step: its latest approval that was not revoked (a later run
 * with other evidence revokes it), with the evidence of the run it approved. Every rule that
 * depends on an earlier step's approval reads it here.
 */
export async function approvalInForce(db: ControlTx, step: StepId) {
  const approval = await db.approval.findFirst({ where: { step, revokedAt: null }, orderBy: { id: "desc" } });
  if (!approval) return undefined;
  const run = await findRun(db, approval.runId);
  return { ...approval, evidence: run?.evidence ? (JSON.parse(run.evidence) as Record<string, unknown>) : null };
}
export type ApprovalInForce = NonNullable<Awaited<ReturnType<typeof approvalInForce>>>;

export function recentApprovals(db: ControlTx, step: StepId, take: number) {
  return db.approval.findMany({ where: { step }, orderBy: { id: "desc" }, take });
}

/** The step's latest approval, revoked or not (a revoked one is what the panel warns about). */
export function latestApproval(db: ControlTx, step: StepId) {
  return db.approval.findFirst({ where: { step }, orderBy: { id: "desc" } });
}

export function createApproval(
  tx: ControlTx,
  approval: { step: StepId; runId: number; evidenceHash: string; actor: string; note: string | null },
) {
  return tx.approval.create({ data: { ...approval, approvedAt: new Date().toISOString() } });
}

export function approvalsNotRevoked(tx: ControlTx, steps: StepId[]) {
  return tx.approval.findMany({ where: { step: { in: steps }, revokedAt: null }, orderBy: { id: "asc" } });
}

/** Conditional: false when it was revoked already (by another writer). */
export async function revokeApproval(tx: ControlTx, id: number, reason: string): Promise<boolean> {
  const result = await tx.approval.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: new Date().toISOString(), revokedReason: reason },
  });
  return result.count === 1;
}

// ——— owner facts (what only the owner can state)

export function upsertOwnerFact(tx: ControlTx, key: string, value: unknown, actor: string) {
  const now = new Date().toISOString();
  const text = JSON.stringify(value);
  return tx.ownerFact.upsert({
    where: { key },
    create: { key, value: text, updatedAt: now, updatedBy: actor },
    update: { value: text, updatedAt: now, updatedBy: actor },
  });
}

export function findOwnerFact(db: ControlTx, key: string) {
  return db.ownerFact.findUnique({ where: { key } });
}
