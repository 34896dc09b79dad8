import "server-only";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { latestRun } from "../workflow/store";
import { actionSubject, type StepId } from "../workflow/steps";
import { startStepRun, type RunInput } from "../workflow/workflow";
import { OwnerFacingError } from "../workflow/types";

/**
 * Cancel for runs started by this process. The engine stops between batches when its
 * AbortSignal fires, so whoever starts a run keeps its controller here by run id. A run
 * started elsewhere (the CLI, another panel) is not here and can only be stopped there.
 * Kept on globalThis so every server bundle of the panel shares the one registry.
 */
const REGISTRY_KEY = Symbol.for("ytv2-cutover.run-cancel");
type Registry = Map<number, AbortController>;
const registry: Registry = ((globalThis as Record<symbol, Registry | undefined>)[REGISTRY_KEY] ??= new Map());

/** Starts a run whose input takes a signal, and keeps its controller until the run ends. */
export async function startCancellableRun(ctx: AppContext, makeInput: (signal: AbortSignal) => RunInput) {
  const controller = new AbortController();
  const started = await startStepRun(ctx, makeInput(controller.signal));
  registry.set(started.runId, controller);
  void started.finished.catch(() => undefined).finally(() => registry.delete(started.runId));
  return started;
}

export function isCancellableHere(runId: number): boolean {
  return registry.has(runId);
}

export type CancelOutcome = { runId: number; message: string };

/**
 * Asks the latest running run of `stepId` to stop after its current batch; audited. Refuses
 * with what to do when nothing runs or the run belongs to another process.
 */
export async function cancelRunningStep(ctx: AppContext, stepId: StepId, actor: string): Promise<CancelOutcome> {
  const run = await latestRun(ctx.db, stepId, "running");
  if (!run) throw new OwnerFacingError("Nothing to cancel: no run of this step is going.", "noop");
  const controller = registry.get(run.id);
  if (!controller) {
    const what =
      run.action === "verify" ? "a verify only reads and ends on its own" : "stop it with Ctrl-C in its terminal";
    throw new OwnerFacingError(
      `${actionSubject(run.action)} (run #${run.id}) was not started by this panel (probably with npx cutover ${run.action}): ${what}.`,
      "elsewhere",
    );
  }
  const phase = run.progress ? (JSON.parse(run.progress) as { phase?: string }).phase : undefined;
  if (phase === "verify") {
    throw new OwnerFacingError(
      `Nothing to cancel: run #${run.id} has finished copying and is verifying, which only reads; it ends on its own.`,
      "noop",
    );
  }
  if (controller.signal.aborted) return { runId: run.id, message: `Run #${run.id} is already stopping.` };
  controller.abort();
  await appendAudit(ctx.db, {
    actor,
    step: stepId,
    // The request; the run's own "cancelled" entry follows when it actually stops.
    action: `cancel ${run.action}`,
    outcome: "ok",
    detail: { runId: run.id },
  });
  return {
    runId: run.id,
    message:
      phase === "plan"
        ? `Cancelling run #${run.id}: it stops when planning ends, before the first batch is copied.`
        : `Cancelling run #${run.id}: it stops after the current batch. What is copied stays; Copy and verify resumes from there.`,
  };
}
