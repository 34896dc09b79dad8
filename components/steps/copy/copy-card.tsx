import type { ActionResult } from "@/lib/common/action-result";
import type { CopyView } from "@/lib/steps/copy-view";
import { SectionCard } from "@/components/section-card";
import { StepActionForm } from "./step-action-form";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
type Props = { view: CopyView; running: boolean; copyAction: FormAction; cancelAction: FormAction };

/** What copy will do in one sentence, the button, and Cancel while a copy started here is going. */
export function CopyCard({ view, running, copyAction, cancelAction }: Props) {
  const { target, sources, latestRun } = view;
  const drifted = !sources.ok;
  return (
    <SectionCard id="copy-run-heading" title="Copy">
      {target.ok ? (
        <p className="max-w-3xl text-sm text-stone-700">{whatHappens(view, target.where)}</p>
      ) : (
        <TargetDown error={target.error} />
      )}
      {view.copy && view.copy.status !== "finished" && !running ? (
        <p className="mt-3 max-w-3xl rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950">
          An earlier copy stopped after {view.copy.batchesDone} of {view.copy.batchCount} batches. Copy and verify
          resumes it from the first unfinished batch; nothing is copied twice.
        </p>
      ) : null}
      {drifted ? (
        <p
          role="alert"
          className="mt-3 max-w-3xl rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          <span aria-hidden="true">✕ </span>
          {sources.detail} Copy is refused until the sources match the approved backup again: stop whatever writes to
          them, then take and approve a new backup in step 1.
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap items-start gap-x-6 gap-y-3">
        <StepActionForm
          label="Copy and verify"
          pendingLabel="Starting…"
          disabled={running || drifted || !target.ok}
          hint={copyHint(view, running)}
          action={copyAction}
        />
        {running && latestRun?.cancellable ? (
          <StepActionForm label="Cancel" pendingLabel="Cancelling…" tone="danger" action={cancelAction} />
        ) : null}
      </div>
      {running && latestRun && !latestRun.cancellable ? (
        <p className="mt-3 text-sm text-stone-600">
          Run #{latestRun.id} ({latestRun.action}) was started outside this panel (the CLI): stop it with Ctrl-C in its
          terminal.
        </p>
      ) : null}
    </SectionCard>
  );
}

function copyHint(view: CopyView, running: boolean): string | undefined {
  if (running) return "A run is going; its progress is shown above.";
  if (view.copy?.status === "finished") {
    return "Copied already: running it again rewrites the same rows (no duplicates), applies changed decisions and verifies.";
  }
  return undefined;
}

function whatHappens(view: CopyView, where: string): string {
  const plan = view.plan;
  if (!plan) return `Copy plans first, then writes every record and its summaries into ${where}, and verifies them.`;
  const n = (value: number) => value.toLocaleString("en-US");
  const quarantined = Object.entries(plan.counts.quarantine)
    .filter(([reason]) => reason !== "resurrection_candidate" && reason !== "skipped_by_owner")
    .reduce((sum, [, count]) => sum + count, 0);
  return (
    `Copy writes ${n(plan.actions.copy)} records and their summaries into ${where}, leaves out ` +
    `${n(plan.actions.skip)} deleted on the Dashboard or skipped by you, keeps ${n(quarantined)} other source rows in quarantine, ` +
    `then verifies every record. ` +
    `A run that stops (cancelled or killed) resumes where it stopped.`
  );
}

function TargetDown({ error }: { error: string }) {
  return (
    <p role="alert" className="max-w-3xl rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      <span aria-hidden="true">✕ </span>
      {error} Copy and verify wait for it; reload this page once it is fixed.
    </p>
  );
}
