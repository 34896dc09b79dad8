import { countOf } from "@/lib/common/plural";
import type { ActionResult } from "@/lib/common/action-result";
import type { SchemaView } from "@/lib/steps/schema-step";
import { applyConfirmation, type PlanRow } from "@/lib/steps/schema-view";
import type { StepStatus } from "@/lib/workflow/step-state";
import { getStepOrThrow } from "@/lib/workflow/steps";
import { ApplySchemaForm, type ApplyOffer } from "./apply-schema-form";
import { PlanSql } from "./plan-sql";
import { PlanTable } from "./plan-table";
import { SectionCard } from "@/components/section-card";
import { TargetSummary } from "./target-summary";

type Props = {
  view: SchemaView;
  status: StepStatus;
  applyAction: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/** Step 2's own section: where the schema goes, what exists there, the SQL, and apply. */
export function SchemaSection({ view, status, applyAction }: Props) {
  if ("error" in view) {
    return (
      <SectionCard id="schema-target-heading" title="Target PostgreSQL">
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          ✕ {view.error}
        </p>
        <p className="mt-2 text-sm text-stone-600">
          The plan is read from the target&apos;s catalog, so nothing can be shown or applied until it answers. Fix it,
          then reload this page.
        </p>
      </SectionCard>
    );
  }
  const conflicts = view.rows.filter((row) => row.state === "different");
  const { present, missing, outdated, different, unavailable } = view.counts;
  return (
    <div className="space-y-6">
      <TargetSummary target={view.target} flags={view.flags} />

      <SectionCard id="schema-plan-heading" title={`Plan: ${view.rows.length} objects`}>
        <p className="mb-3 max-w-3xl text-sm text-stone-700">
          Read from the target&apos;s catalog each time this page loads: {present} present, {missing} missing,{" "}
          {outdated ? `${outdated} outdated, ` : ""}
          {different} different{unavailable ? `, ${unavailable} unavailable on this server` : ""}. Apply creates what is
          missing{outdated ? " and brings forward what an earlier version of this tool made" : ""}; it never drops a
          table, column or row.
        </p>
        {conflicts.length > 0 ? <ConflictNotice conflicts={conflicts} /> : null}
        <PlanTable rows={view.rows} />
      </SectionCard>

      <SectionCard id="schema-sql-heading" title="SQL that apply will run">
        <PlanSql sql={view.sql} statements={view.statements} blocked={conflicts.length > 0} />
      </SectionCard>

      <SectionCard id="schema-apply-heading" title="Apply">
        <ApplySchemaForm
          key={`${status.lastRun?.id ?? "none"}-${status.state}`}
          offer={applyOffer(view, status, conflicts.length)}
          action={applyAction}
        />
      </SectionCard>
    </div>
  );
}

function ConflictNotice({ conflicts }: { conflicts: PlanRow[] }) {
  return (
    <div role="alert" className="mb-4 space-y-2 rounded border border-red-300 bg-red-50 p-4 text-sm text-red-950">
      <p className="font-medium">
        ✕ {conflicts.length} {conflicts.length === 1 ? "object exists" : "objects exist"} with another shape: apply is
        blocked.
      </p>
      <ul className="list-disc space-y-1 pl-5">
        {conflicts.map((row) => (
          <li key={`${row.kind} ${row.name}`}>
            <span className="font-mono text-xs">{row.name}</span> ({row.kind}): {row.note}
          </li>
        ))}
      </ul>
      <p>
        What to do: this tool never drops or alters an object it did not make. Rename or drop each one yourself (after
        checking nothing uses it), or point DATABASE_URL at an empty database, then reload this page.
      </p>
    </div>
  );
}

function applyOffer(view: Exclude<SchemaView, { error: string }>, status: StepStatus, conflicts: number): ApplyOffer {
  if (status.state === "locked") {
    const before = status.blockedBy ? getStepOrThrow(status.blockedBy) : undefined;
    const which = before ? `step ${before.number} "${before.title}"` : "every earlier step";
    return { offered: false, why: `Apply is not offered yet: ${which} must be approved first.` };
  }
  if (status.state === "running") return { offered: false, why: "A run is going; its progress is shown above." };
  if (conflicts > 0) {
    return {
      offered: false,
      why: `Apply is blocked by ${countOf(conflicts, "conflicting object")} shown in the plan above.`,
    };
  }
  const hint =
    status.state === "approved"
      ? "Approved. Applying again changes nothing and keeps the approval, since the evidence stays the same."
      : view.counts.missing + view.counts.outdated === 0
        ? "Every object is present; applying again re-runs the checks."
        : "One transaction, then a self-test that is rolled back. Takes a second or two.";
  return {
    offered: true,
    confirmation: applyConfirmation(view.counts.missing, view.target.where, view.counts.outdated),
    hint,
  };
}
