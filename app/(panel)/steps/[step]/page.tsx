import { notFound } from "next/navigation";
import { requireOwnerPage } from "@/app/_lib/owner";
import { ApproveForm } from "@/components/approve-form";
import { CheckList } from "@/components/check-list";
import { formatTime, shortHash } from "@/components/format";
import { StateBadge } from "@/components/state-badge";
import { RunProgress } from "@/components/run-progress";
import { SectionCard } from "@/components/section-card";
import { STEP_ACTIONS } from "@/lib/steps/registry";
import { getLatestRunView } from "@/lib/workflow/run-view";
import { getStepDetail } from "@/lib/workflow/step-detail";
import { isStepId } from "@/lib/workflow/steps";
import { approveStepAction } from "../../actions";
import { STEP_SECTIONS } from "./step-sections";

export default async function StepPage({ params }: { params: Promise<{ step: string }> }) {
  const { step } = await params;
  if (!isStepId(step)) notFound();
  const ctx = await requireOwnerPage();
  const [detail, runView] = await Promise.all([getStepDetail(ctx, step), getLatestRunView(ctx, step)]);
  const Section = STEP_SECTIONS[step];
  const { definition, status, latestRun, checks } = detail;
  const actions = STEP_ACTIONS[step];
  const noteRequired = (status.lastRun?.waivableFailures ?? 0) > 0;

  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm text-stone-600">Step {definition.number} of 6</p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{definition.title}</h1>
          <StateBadge state={status.state} />
        </div>
        <p className="mt-2 max-w-3xl text-stone-700">{definition.summary}</p>
        <p className="mt-2 max-w-3xl text-sm text-stone-700">
          <span className="font-medium">Gate:</span> {definition.gate}
        </p>
        <p className="mt-2 text-sm text-stone-600">{status.reason}</p>
      </div>

      <RunProgress step={step} initial={runView} />

      {Section ? (
        <Section ctx={ctx} detail={detail} />
      ) : (
        <SectionCard id="actions-heading" title="Actions">
          <ul className="space-y-3">
            {actions.map((action) => (
              <li key={action.name} className="flex flex-wrap items-center gap-3 text-sm">
                <button
                  type="button"
                  disabled
                  className="rounded border border-stone-300 bg-stone-100 px-3 py-1.5 text-stone-500"
                >
                  {action.label}
                </button>
                <span className="text-stone-600">
                  {action.available ? action.description : `Not available in this version yet (${action.cli}).`}
                </span>
              </li>
            ))}
          </ul>
        </SectionCard>
      )}

      <SectionCard
        id="checks-heading"
        title={`Checks${latestRun ? ` of run #${latestRun.id} (${formatTime(latestRun.finishedAt ?? latestRun.startedAt)})` : ""}`}
      >
        {latestRun?.error ? (
          <p role="alert" className="mb-3 rounded bg-red-50 px-3 py-2 text-sm text-red-900">
            {latestRun.error}
          </p>
        ) : null}
        <CheckList checks={checks} />
        {latestRun?.evidenceHash ? (
          <p className="mt-3 text-xs text-stone-600">
            Evidence hash <code className="font-mono">{shortHash(latestRun.evidenceHash, 16)}</code>
          </p>
        ) : null}
      </SectionCard>

      <SectionCard id="approve-heading" title="Approve">
        <div>
          <ApproveForm
            key={latestRun?.id ?? "none"}
            step={step}
            canApprove={status.state === "passed"}
            whyNot={status.state === "approved" ? "Already approved." : status.reason}
            noteRequired={noteRequired}
            action={approveStepAction}
          />
        </div>
        <ApprovalHistory approvals={detail.approvals} />
      </SectionCard>
    </div>
  );
}

function ApprovalHistory({ approvals }: { approvals: Awaited<ReturnType<typeof getStepDetail>>["approvals"] }) {
  if (approvals.length === 0) return null;
  return (
    <ul className="mt-4 space-y-1 text-sm text-stone-700">
      {approvals.map((approval) => (
        <li key={approval.id}>
          {approval.revokedAt ? "✕ Revoked" : "✓ Approved"} {formatTime(approval.approvedAt)} by {approval.actor}
          {approval.note ? ` — “${approval.note}”` : ""}
          {approval.revokedAt ? ` · revoked ${formatTime(approval.revokedAt)}: ${approval.revokedReason}` : ""}
        </li>
      ))}
    </ul>
  );
}
