import type { ActionResult } from "@/lib/common/action-result";
import type { CopyView } from "@/lib/steps/copy-view";
import type { StepStatus } from "@/lib/workflow/step-state";
import { CopyCard } from "./copy-card";
import { SectionCard } from "@/components/section-card";
import { PlanCard } from "./plan-card";
import { VerifyCard } from "./verify-card";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
type Props = {
  view: CopyView | null;
  status: StepStatus;
  actions: { replan: FormAction; copy: FormAction; verify: FormAction; cancel: FormAction };
};

/** Step 3's own section: the plan, copy (with cancel) and the last verify. A locked step offers nothing. */
export function CopySection({ view, status, actions }: Props) {
  if (status.state === "locked" || !view) {
    return (
      <SectionCard id="copy-locked-heading" title="Copy & diff">
        <p className="rounded border border-stone-200 bg-stone-50 px-3 py-2 text-sm text-stone-700">
          <span aria-hidden="true">⊘ </span>
          {status.reason} Nothing can be planned, copied or verified before that: the copy reads the sources the
          approved backup froze and writes into the schema step 2 created.
        </p>
      </SectionCard>
    );
  }
  const running = status.state === "running";
  // Remounts the cards' forms when a run starts or ends, so "run started" does not linger past the run.
  const runKey = `${view.latestRun?.id ?? "none"}-${view.latestRun?.status ?? ""}`;
  return (
    <div className="space-y-6">
      <PlanCard key={`plan-${runKey}`} plan={view.plan} canPlan={!running} replanAction={actions.replan} />
      <CopyCard
        key={`copy-${runKey}`}
        view={view}
        running={running}
        copyAction={actions.copy}
        cancelAction={actions.cancel}
      />
      <VerifyCard key={`verify-${runKey}`} view={view} running={running} verifyAction={actions.verify} />
    </div>
  );
}
