import { SectionCard } from "@/components/section-card";
import { formatTime } from "@/components/format";
import type { ActionResult } from "@/lib/common/action-result";
import { PROCESSING_STOPPED_STATEMENT } from "@/lib/steps/backup-step";
import { categorizationNeedsReason, summarizeBackup } from "@/lib/steps/backup-summary";
import type { BackupView } from "@/lib/steps/backup-view";
import type { StepState } from "@/lib/workflow/step-state";
import { BackupHistory } from "./backup-history";
import { PathText } from "./path-text";
import { ProcessingStoppedForm } from "./processing-stopped-form";
import { CancelBackupForm } from "./cancel-backup-form";
import { RunBackupForm } from "./run-backup-form";
import { SourceCard } from "./source-card";
import { SourceOrigins } from "./source-origins";

type FormAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
type Props = {
  view: BackupView;
  state: StepState;
  confirmAction: FormAction;
  runAction: FormAction;
  cancelAction: FormAction;
};

/** Step 1's own section: confirm the freeze, run the backup, read its evidence per source. */
export function BackupSection({ view, state, confirmAction, runAction, cancelAction }: Props) {
  const confirmed = view.confirmation;
  return (
    <div className="space-y-6">
      <SectionCard id="processing-heading" title="1. Is processing stopped?">
        <p className="mb-3 max-w-3xl text-sm text-stone-700">
          This tool cannot stop the NAS. Stop its Telegram bot and sync job yourself, then confirm here. After the
          backup, approval re-reads both files and refuses if anything changed.
        </p>
        <ProcessingStoppedForm
          statement={PROCESSING_STOPPED_STATEMENT}
          confirmed={confirmed ? { by: confirmed.updatedBy, at: formatTime(confirmed.updatedAt) } : null}
          action={confirmAction}
        />
      </SectionCard>

      <SectionCard id="run-heading" title="2. Take and verify backups">
        <p className="mb-3 max-w-3xl text-sm text-stone-700">
          Snapshots both SQLite files (read-only) into <code className="font-mono text-xs">backups/</code>, checks their
          integrity, counts and fingerprints every table, and restores each copy to prove it works.
        </p>
        <SourceOrigins origins={view.origins} />
        {/* Remounts when a run starts or ends, so a finished run's "started" message does not linger. */}
        <RunBackupForm
          key={`${view.latest?.runId ?? "none"}-${state}`}
          canRun={Boolean(confirmed) && state !== "locked" && state !== "running"}
          hint={runHint(view, state)}
          action={runAction}
        />
        {view.running?.cancellable ? (
          <div className="mt-3">
            <CancelBackupForm action={cancelAction} />
          </div>
        ) : null}
      </SectionCard>

      {view.latest ? <LatestBackup latest={view.latest} /> : null}
      {view.latestError ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          <span aria-hidden="true">✕ </span>Backup run #{view.latestError.runId}{" "}
          {view.latestError.cancelled ? "was cancelled" : "failed and verified nothing"}: {view.latestError.error}. The
          source files were only read;{" "}
          {view.latestError.cancelled ? "run it again when ready." : "fix the cause and run it again."}
        </p>
      ) : null}

      <SectionCard id="history-heading" title="Backups on disk">
        <BackupHistory backups={view.backups} />
      </SectionCard>
    </div>
  );
}

function runHint(view: BackupView, state: StepState): string {
  if (!view.confirmation) return "Confirm that processing is stopped first.";
  if (state === "running") return "A run is going; its progress is shown above.";
  if (state === "approved") return "Approved. Running again makes a new backup and revokes this approval.";
  return view.sources.demo
    ? "Takes a few seconds on the demo pair."
    : "Reads every page of both files; progress with an ETA shows above while it runs.";
}

function LatestBackup({ latest }: { latest: NonNullable<BackupView["latest"]> }) {
  const { manifest } = latest;
  return (
    <SectionCard id="latest-heading" title={`Latest backup (run #${latest.runId}, ${formatTime(manifest.createdAt)})`}>
      <p className="mb-3 text-sm text-stone-700">
        Manifest: <PathText path={latest.manifestPath} />
      </p>
      {categorizationNeedsReason(manifest) ? (
        <p className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <span aria-hidden="true">! </span>The Dashboard&apos;s categorization count differs from the expected{" "}
          {manifest.expectedCategorized} (EXPECTED_CATEGORIZED). You can still approve, but only with a note below
          saying why (for example, videos you deleted on purpose); the note goes into the audit log.
        </p>
      ) : null}
      <div className="space-y-4">
        {summarizeBackup(manifest).map((summary) => (
          <SourceCard key={summary.role} summary={summary} />
        ))}
      </div>
    </SectionCard>
  );
}
