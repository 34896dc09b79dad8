import Link from "next/link";
import { SectionCard } from "@/components/section-card";
import type { ActionResult } from "@/lib/common/action-result";
import { formatUtc } from "@/lib/common/format-time";
import { countOf } from "@/lib/common/plural";
import { KIND_WORDS } from "@/lib/parity/kinds";
import type { ParityView } from "@/lib/steps/parity-view";
import type { OwnerStepStatus } from "@/lib/steps/owner-status";
import { AcceptForm, ButtonForm, DualWriteForm } from "./parity-forms";
import { DifferenceValues } from "./parity-record";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
type Props = {
  view: ParityView | null;
  status: Pick<OwnerStepStatus, "state">;
  actions: { dualWrite: Action; run: Action; cancel: Action; accept: Action; recopy: Action };
};

/** Step 4's page: dual write with the NAS's switches, a parity run, and the latest run's differences with their remedies. */
export function ParitySection({ view, status, actions }: Props) {
  if (!view) return null;
  const { dualWrite, latest } = view;
  const running = status.state === "running";
  return (
    <>
      <SectionCard id="dual-write-heading" title="Dual write">
        <p className="mb-3 max-w-3xl text-sm text-stone-700">
          The NAS is switched by its environment, not by this tool. Set its switches, restart it, then confirm here: the
          time you confirm dual write on starts the parity window.
        </p>
        {dualWrite?.enabled ? (
          <div className="space-y-3">
            <p
              role="status"
              className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
            >
              Dual write on since {formatUtc(dualWrite.since)}, confirmed by {dualWrite.by}.
            </p>
            <DualWriteForm mode="off" switches={view.switches.off} action={actions.dualWrite} />
          </div>
        ) : (
          <div className="space-y-3">
            {dualWrite ? (
              <p className="text-sm text-stone-700">
                Dual write off since {formatUtc(dualWrite.since)} ({dualWrite.by}).
              </p>
            ) : null}
            <DualWriteForm mode="on" switches={view.switches.on} action={actions.dualWrite} />
          </div>
        )}
      </SectionCard>
      <SectionCard id="parity-run-heading" title="Parity runs">
        <p className="mb-3 max-w-3xl text-sm text-stone-700">
          A run compares the live SQLite files with PostgreSQL, every video both ways. The gate asks for the last{" "}
          {countOf(view.runs, "run")} clean, spanning at least {countOf(view.minMinutes, "minute")} (PARITY_RUNS,
          PARITY_MIN_MINUTES; 1440 is suggested for a real cutover).
        </p>
        <div className="flex flex-wrap gap-3">
          <ButtonForm
            fields={{ step: "parity" }}
            label="Run parity check"
            pendingLabel="Starting…"
            tone="primary"
            disabled={running}
            action={actions.run}
          />
          {running ? (
            <ButtonForm
              fields={{ step: "parity" }}
              label="Cancel"
              pendingLabel="Cancelling…"
              tone="danger"
              action={actions.cancel}
            />
          ) : null}
        </div>
      </SectionCard>
      {latest ? (
        <SectionCard
          id="differences-heading"
          title={`Differences found by the latest parity run (${latest.status}${latest.finishedAt ? `, ${formatUtc(latest.finishedAt)}` : ""})`}
        >
          {latest.differences.length === 0 ? (
            <p className="text-sm text-stone-700">
              None: {countOf(latest.checked, "video")} compared, identical in both stores.
            </p>
          ) : (
            <ul className="space-y-4">
              {latest.differences.map((d) => (
                <li key={d.id} className="rounded border border-stone-200 p-3 text-sm">
                  <p>
                    <code className="font-mono">{d.videoId}</code> · <span className="font-medium">{d.kind}</span>
                    {d.field ? (
                      <>
                        {" "}
                        · <code className="font-mono">{d.field}</code>
                      </>
                    ) : null}{" "}
                    <span className="text-stone-600">({KIND_WORDS[d.kind]})</span>
                    {d.accepted ? <span className="ml-2 text-emerald-800">accepted</span> : null}
                  </p>
                  <DifferenceValues difference={d} />
                  <p className="mt-2">
                    <Link
                      href={`/steps/parity/records/${d.videoId}${d.field ? `#field-${fieldAnchor(d)}` : ""}`}
                      className="font-medium text-sky-800 underline"
                    >
                      Open {d.videoId} in the record view (NAS, Dashboard, merged, PostgreSQL) →
                    </Link>
                  </p>
                  {d.accepted ? null : (
                    <div className="mt-3 grid gap-3 sm:grid-cols-2">
                      {view.remedies.recopy.offered ? (
                        <ButtonForm
                          fields={{ videoId: d.videoId }}
                          label="Re-copy this record"
                          pendingLabel="Re-copying…"
                          tone="secondary"
                          action={actions.recopy}
                        />
                      ) : (
                        <p className="text-stone-700">Re-copy is not offered: {view.remedies.recopy.why}.</p>
                      )}
                      {view.remedies.accept.offered ? (
                        <AcceptForm differenceId={d.id} action={actions.accept} />
                      ) : (
                        <p className="text-stone-700">Accepting is not offered: {view.remedies.accept.why}.</p>
                      )}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </SectionCard>
      ) : null}
    </>
  );
}

/** The record view's row for the field a difference names (its rows are `field-<name>`). */
function fieldAnchor(d: { kind: string; field: string | null }) {
  return d.kind === "summary_drift" ? `summary:${d.field}` : d.field;
}
