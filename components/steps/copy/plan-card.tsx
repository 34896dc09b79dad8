import Link from "next/link";
import { CaseBadge } from "@/components/diff/case-badge";
import { formatTime } from "@/components/format";
import type { ActionResult } from "@/lib/common/action-result";
import { MERGE_CASES, type MergeCase } from "@/lib/merge/classify";
import type { PlanSummary } from "@/lib/steps/copy-view";
import { SectionCard } from "@/components/section-card";
import { QuarantineTable } from "./quarantine-table";
import { StepActionForm } from "./step-action-form";
import { TableHead } from "@/components/table-head";

type Props = {
  plan: PlanSummary | null;
  canPlan: boolean;
  replanAction: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

const CASE_MEANS: Record<MergeCase, string> = {
  both_equal: "Copied as they are.",
  both_differ:
    "Merged field by field: categorization from the side that has it (Dashboard first), the rest from the newer side.",
  dashboard_only: "Copied.",
  nas_new: "Copied: processed on the NAS since the last sync.",
  resurrection_candidate: "Not copied: deleted on the Dashboard. Restore one in the review if that was a mistake.",
};

/** What the next copy does with a case, the owner's decisions counted (since the plan too). */
function caseMeans(mergeCase: MergeCase, outcome: { copy: number; skip: number } | undefined): string {
  const n = (value: number) => value.toLocaleString("en-US");
  if (mergeCase === "resurrection_candidate" && outcome?.copy) {
    return `Not copied: deleted on the Dashboard (${n(outcome.skip)}). Restored by your decision, so copied: ${n(outcome.copy)}.`;
  }
  if (mergeCase === "nas_new" && outcome?.skip) {
    return `Copied: processed on the NAS since the last sync (${n(outcome.copy)}). Skipped by your decision, so kept out: ${n(outcome.skip)}.`;
  }
  return CASE_MEANS[mergeCase];
}

/** The stored merge plan: records per case, quarantine per reason, and the mark that splits NAS-only records. */
export function PlanCard({ plan, canPlan, replanAction }: Props) {
  if (!plan && !canPlan) {
    return (
      <SectionCard id="copy-plan-heading" title="Plan">
        <p className="max-w-3xl text-sm text-stone-700">
          The run going now makes the plan first; its counts show here when the run ends.
        </p>
      </SectionCard>
    );
  }
  if (!plan) {
    return (
      <SectionCard id="copy-plan-heading" title="Plan">
        <p className="mb-3 max-w-3xl text-sm text-stone-700">
          No plan yet. A plan reads both sources and decides, per video, what the copy will do; it writes nothing to
          PostgreSQL. Copy and verify makes one first if there is none.
        </p>
        <StepActionForm label="Make the plan" pendingLabel="Planning…" action={replanAction} />
      </SectionCard>
    );
  }
  const { counts } = plan;
  return (
    <SectionCard id="copy-plan-heading" title={`Plan: ${plan.records.toLocaleString("en-US")} records`}>
      <p className="max-w-3xl text-sm text-stone-700">
        Made {formatTime(plan.createdAt)} from both sources: {counts.categorized.toLocaleString("en-US")} categorization
        records, {counts.summaries.toLocaleString("en-US")} summaries. Dashboard high-water mark (its newest{" "}
        <code className="font-mono text-xs">indexed_at</code>): <strong>{formatTime(plan.highWaterMark)}</strong> — a
        NAS-only video indexed after it is new, one at or before it was deleted on the Dashboard.
      </p>
      {plan.matchesSourceFiles ? null : (
        <p className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <span aria-hidden="true">! </span>A source file changed (size or time) since this plan was made: re-plan, or
          Copy and verify plans again itself.
        </p>
      )}
      <table className="mt-3 w-full max-w-4xl border-collapse text-sm">
        <caption className="sr-only">Records per case</caption>
        <TableHead
          cellClassName="py-1.5 pr-4"
          columns={["Case", { label: "Records", numeric: true }, "What copy does"]}
        />
        <tbody>
          {MERGE_CASES.map((mergeCase) => (
            <tr key={mergeCase} className="border-b border-stone-100 align-top">
              <td className="py-1.5 pr-4">
                <CaseBadge value={mergeCase} />
              </td>
              <td className="py-1.5 pr-4 text-right tabular-nums">
                {counts.counts[mergeCase].toLocaleString("en-US")}
              </td>
              <td className="py-1.5 text-stone-700">{caseMeans(mergeCase, plan.outcomes[mergeCase])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <QuarantineTable quarantine={plan.quarantine} skippedSincePlan={plan.skippedSincePlan} />
      <div className="mt-5 flex flex-wrap items-start gap-x-6 gap-y-3">
        <Link
          href="/steps/copy/records"
          className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900"
        >
          Review records →
        </Link>
        <StepActionForm
          label="Re-plan"
          pendingLabel="Planning…"
          tone="secondary"
          disabled={!canPlan}
          hint="Reads both sources again; writes nothing to PostgreSQL. Your decisions are kept."
          action={replanAction}
        />
      </div>
    </SectionCard>
  );
}
