import "server-only";
import { countOf } from "@/lib/common/plural";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import { controlTransaction } from "@/lib/control/control-db";
import { liveSourcesOf } from "@/lib/sources/source-paths";
import { COPY_ACTION } from "@/lib/steps/copy-step";
import { assertNotLocked, getStepStatusOrThrow, refuse, withWorkflowLease, WorkflowRefusal } from "@/lib/workflow/core";
import type { ProgressReporter } from "@/lib/workflow/types";
import { FINDING_KINDS, isFindingKind, type FindingKind } from "./findings";
import { runShadowRead } from "./run-shadow";
import { countsByKind, findingsOf, latestShadowRun, loadShadowState, storeShadowRun, type ShadowState } from "./store";

/**
 * Step 4's shadow read as the workflow runs it: refused until step 3 is approved (the server's
 * order), one action at a time (the lease), stored with its audit entry in one transaction, and
 * the owner's acknowledgements, each audited with its note.
 */
const STEP = "parity" as const;
const ACTION = "shadow";

export async function runShadowStep(
  ctx: AppContext,
  input: { databaseUrl: string; actor: string; onProgress?: ProgressReporter; signal?: AbortSignal },
): Promise<ShadowState> {
  return withWorkflowLease(
    ctx,
    input.actor,
    STEP,
    ACTION,
    async () => {
      const startedAt = new Date().toISOString();
      const read = await runShadowRead(
        { dashboard: liveSourcesOf(ctx.env, ctx.paths).dashboard, databaseUrl: input.databaseUrl },
        { onProgress: input.onProgress, signal: input.signal },
      );
      await controlTransaction(ctx.db, async (tx) => {
        const runId = await storeShadowRun(tx, read, { actor: input.actor, startedAt });
        await appendAudit(tx, {
          actor: input.actor,
          step: STEP,
          action: ACTION,
          outcome: "ok",
          detail: { runId, findings: read.findings.length, byKind: countsByKind(read.findings) },
        });
      });
      return (await loadShadowState(ctx.db))!;
    },
    { requireOpen: true },
  );
}

export type AcknowledgeInput = {
  /** a finding kind (every open finding of it) or one finding's fingerprint */
  target: string;
  note: string;
  actor: string;
};

const FINGERPRINT = /^[0-9a-f]{32}$/;

/** Acknowledges the latest run's open findings of a kind (or one finding) with the owner's note. */
export async function acknowledgeShadow(
  ctx: AppContext,
  input: AcknowledgeInput,
): Promise<{ acknowledged: number; state: ShadowState }> {
  const refused = async (message: string, code: string) =>
    refuse(ctx, input.actor, STEP, "shadow acknowledge", new WorkflowRefusal(message, code));
  try {
    assertNotLocked(await getStepStatusOrThrow(ctx, STEP));
  } catch (error) {
    if (error instanceof WorkflowRefusal) throw await refuse(ctx, input.actor, STEP, "shadow acknowledge", error);
    throw error;
  }
  const note = input.note.trim();
  if (!note)
    throw await refused(
      "Refused: an acknowledgement needs a note saying why the difference is acceptable.",
      "note_required",
    );
  const byKind = isFindingKind(input.target);
  if (!byKind && !FINGERPRINT.test(input.target)) {
    throw await refused(
      `Refused: "${input.target}" is neither a finding kind (${FINDING_KINDS.join(", ")}) nor a finding's fingerprint.`,
      "bad_target",
    );
  }
  const acknowledged = await controlTransaction(ctx.db, async (tx) => {
    const run = await latestShadowRun(tx);
    if (!run) return { error: "Refused: no shadow read has run yet; run it first (npx cutover shadow)." };
    const where = byKind ? { kind: input.target as FindingKind } : { fingerprint: input.target };
    const open = await findingsOf(tx, run.id, { ...where, acknowledged: false });
    if (open.length === 0) {
      return {
        error: `Refused: shadow read #${run.id} has no open finding ${byKind ? `of kind ${input.target}` : `with fingerprint ${input.target}`}.`,
      };
    }
    const fingerprints = new Map(open.map((f) => [f.fingerprint, f.kind]));
    const at = new Date().toISOString();
    await tx.shadowAck.createMany({
      data: [...fingerprints].map(([fingerprint, kind]) => ({
        fingerprint,
        kind,
        runId: run.id,
        actor: input.actor,
        note,
        acknowledgedAt: at,
      })),
    });
    await appendAudit(tx, {
      actor: input.actor,
      step: STEP,
      action: "shadow acknowledge",
      outcome: "ok",
      detail: { runId: run.id, target: input.target, findings: open.length, note },
    });
    return { count: open.length };
  });
  if ("error" in acknowledged) throw await refused(acknowledged.error!, "nothing_open");
  return { acknowledged: acknowledged.count, state: (await loadShadowState(ctx.db))! };
}

export type ShadowVerdict = {
  ok: boolean;
  detail: string;
  openKinds: { kind: FindingKind; open: number }[];
  runId: number | null;
};

/** Step 4's gate condition: the latest shadow read identical, or every finding of it acknowledged. */
export async function shadowVerdict(ctx: Pick<AppContext, "db">): Promise<ShadowVerdict> {
  const state = await loadShadowState(ctx.db, 0);
  if (!state) {
    return {
      ok: false,
      detail: "No shadow read has run yet: run it (npx cutover shadow).",
      openKinds: [],
      runId: null,
    };
  }
  const openKinds = state.kinds.filter((k) => k.open > 0).map(({ kind, open }) => ({ kind, open }));
  const runId = state.run.id;
  // A copy changes what the PostgreSQL era renders: a read from before it proves nothing about now.
  const copy = await ctx.db.stepRun.findFirst({
    where: { step: "copy", action: COPY_ACTION },
    orderBy: { id: "desc" },
  });
  const copiedAt = copy ? (copy.finishedAt ?? copy.startedAt) : null;
  if (copiedAt && copiedAt > state.run.startedAt) {
    return {
      ok: false,
      detail: `Shadow read #${runId} is older than the last copy (run #${copy!.id}, ${copiedAt}): run it again.`,
      openKinds,
      runId,
    };
  }
  const detail =
    state.total === 0
      ? `Shadow read #${runId}: identical (${countOf(state.run.summary.views.length, "view")} compared).`
      : openKinds.length === 0
        ? `Shadow read #${runId}: all ${countOf(state.total, "finding")} acknowledged.`
        : `Shadow read #${runId}: ${state.open} of ${countOf(state.total, "finding")} open (${openKinds.map((k) => `${k.kind} ${k.open}`).join(", ")}); resolve them and run it again, or acknowledge each kind with a note.`;
  return { ok: openKinds.length === 0, detail, openKinds, runId };
}
