import { notFound } from "next/navigation";
import { requireOwnerPage } from "@/app/_lib/owner";
import { ApproveForm } from "@/components/approve-form";
import { CheckList } from "@/components/check-list";
import { formatTime, shortHash } from "@/components/format";
import { RunProgress } from "@/components/run-progress";
import { SectionCard } from "@/components/section-card";
import { StateBadge } from "@/components/state-badge";
import { RevokedNotice, WayForward } from "@/components/step-notices";
import { loadOwnerStatus } from "@/lib/steps/owner-status";
import { getLatestRunView } from "@/lib/workflow/run-view";
import { getStepDetail } from "@/lib/workflow/step-detail";
import { isStepId } from "@/lib/workflow/steps";
import { approveStepAction } from "../../actions";
import { STEP_SECTIONS } from "./step-sections";

export default async function StepPage({ params }: { params: Promise<{ step: string }> }) {
  const { step } = await params;
  if (!isStepId(step)) notFound();
  const ctx = await requireOwnerPage();
  const [detail, status, runView] = await Promise.all([
    getStepDetail(ctx, step),
    loadOwnerStatus(ctx, step),
    getLatestRunView(ctx, step),
  ]);
  const Section = STEP_SECTIONS[step];
  const { definition, latestRun, checks } = detail;

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <RevokedNotice status={status} />
        <div>
          <p className="text-sm text-stone-600">Step {definition.number} of 6</p>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight">{definition.title}</h1>
            <StateBadge state={status.state} approvable={status.offer.kind === "offered"} />
          </div>
          <p className="mt-2 max-w-3xl text-stone-700">{definition.summary}</p>
          <p className="mt-2 max-w-3xl text-sm text-stone-700">
            <span className="font-medium">Gate:</span> {definition.gate}
          </p>
          <p className="mt-2 text-sm text-stone-600">{status.reason}</p>
        </div>
      </div>

      <RunProgress step={step} initial={runView} />
      <Section ctx={ctx} detail={{ ...detail, status }} />
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
        <ApproveForm key={latestRun?.id ?? "none"} step={step} offer={status.offer} action={approveStepAction} />
        <ApprovalHistory approvals={detail.approvals} />
      </SectionCard>

      <WayForward status={status} />
    </div>
  );
}

function ApprovalHistory({ approvals }: { approvals: Awaited<ReturnType<typeof getStepDetail>>["approvals"] }) {
  if (approvals.length === 0) return null;
  return (
    <ul className="mt-4 space-y-1 text-sm text-stone-700">
      {approvals.map((approval) => (
        <li key={approval.id}>
          {approval.revokedAt ? "↩" : "✓"} Approved {formatTime(approval.approvedAt)} by {approval.actor}
          {approval.note ? ` — “${approval.note}”` : ""}
          {approval.revokedAt ? `; revoked ${formatTime(approval.revokedAt)}: ${approval.revokedReason}` : ""}
        </li>
      ))}
    </ul>
  );
}
