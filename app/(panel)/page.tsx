import { requireOwnerPage } from "@/app/_lib/owner";
import { NextText, RevokedNotice } from "@/components/step-notices";
import { Stepper } from "@/components/stepper";
import { loadOwnerStatuses } from "@/lib/steps/owner-status";
import { EvidenceReportLink } from "@/components/evidence-report-link";

export default async function OverviewPage() {
  const ctx = await requireOwnerPage();
  const steps = await loadOwnerStatuses(ctx);
  const current = steps.find((step) => step.state !== "approved");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Move YTV2 to PostgreSQL</h1>
        <p className="mt-1 max-w-3xl text-stone-700">
          Six gated steps take both SQLite files (NAS and Dashboard) into one PostgreSQL database. Each step proves its
          work with checks; you approve each gate. Nothing is deleted: steps 1 to 5 only read the SQLite files; step 6
          compresses each into an archive and, once you type the confirmation, moves the original into that archive
          folder. Every action is in the audit log.
        </p>
      </div>
      {steps.map((step) => (
        <RevokedNotice key={step.id} status={step} />
      ))}
      {current ? (
        <p className="rounded border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
          Now: step {current.number}, {current.title}. {current.reason}{" "}
          {/* a revoked approval's notice above already says what to do next */}
          {current.revoked ? null : <NextText status={current} />}
        </p>
      ) : (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm">
          The migration is complete: all six steps are approved, the SQLite files are archived, and YTV2 runs on
          PostgreSQL. Nothing here can change the target or the sources any more; the evidence report below is final.
        </p>
      )}
      <Stepper steps={steps} />
      <EvidenceReportLink draft={steps.some((step) => step.id === "archive" && step.state !== "approved")} />
    </div>
  );
}
