import { SectionCard } from "@/components/section-card";
import { CheckMark } from "@/components/state-badge";
import { formatUtc } from "@/lib/common/format-time";
import type { ActionResult } from "@/lib/common/action-result";
import type { RollbackDelta } from "@/lib/cutover/flip-snapshot";
import type { CutoverView } from "@/lib/steps/cutover-view";
import { DrillPanel } from "./drill-panel";
import { AcknowledgeFindingForm, PhraseForm, ScanForm, StepFiveButton } from "./cutover-forms";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
export type CutoverActions = Record<
  "freeze" | "finalParity" | "drill" | "scan" | "acknowledge" | "flip" | "verify" | "rollback",
  Action
>;

/**
 * Step 5's page: the freeze window, the final parity run, the drill, the scan's findings with
 * acknowledge-with-note, the flip (typed, its switches, its verification) and the rollback with
 * its delta. Every line is read from the view, taken at request time.
 */
export function CutoverSection({ view, actions }: { view: CutoverView | null; actions: CutoverActions }) {
  if (!view)
    return (
      <SectionCard id="cutover-heading" title="Cutover">
        <p className="text-sm text-stone-600">Locked: step 5 opens once step 4 &quot;Parity&quot; is approved.</p>
      </SectionCard>
    );
  const check = (name: string) => view.checks.find((c) => c.name === name);
  const ready = view.checks.slice(0, 5).every((c) => c.ok);
  return (
    <>
      <SectionCard id="freeze-heading" title="1. Freeze window">
        <div className="space-y-3 text-sm">
          <CheckLine name="Processing stopped for the freeze window" check={check} />
          <CheckLine name="Live files unchanged since the window opened" check={check} />
          {view.complete ? (
            <p className="text-stone-600">{COMPLETE}</p>
          ) : view.flip?.active ? (
            <p className="text-stone-600">
              The flip rests on this window: it stays as it is while the flip is active (a rollback reopens it).
            </p>
          ) : (
            <StepFiveButton
              action={actions.freeze}
              label={
                view.window
                  ? "I stopped processing again: reopen the window"
                  : "I have stopped processing: open the window"
              }
              pendingLabel="Fingerprinting both files…"
              hint="Records freeze_processing and the fingerprints of both live files now."
            />
          )}
        </div>
      </SectionCard>
      <SectionCard id="final-parity-heading" title="2. Final parity run">
        <div className="space-y-3 text-sm">
          <CheckLine name="Final parity run inside the window clean" check={check} />
          {view.complete ? null : (
            <StepFiveButton action={actions.finalParity} label="Run the final parity check" pendingLabel="Comparing…" />
          )}
        </div>
      </SectionCard>
      <SectionCard id="drill-heading" title="3. Delete drill">
        <div className="space-y-3 text-sm">
          <CheckLine name="Delete drill passed after step 4's approval" check={check} />
          <DrillPanel run={view.drill} />
          {view.complete ? null : (
            <StepFiveButton
              action={actions.drill}
              label="Run the delete drill"
              pendingLabel="Drilling in a scratch schema…"
            />
          )}
        </div>
      </SectionCard>
      <SectionCard id="scan-heading" title="4. Sync-code scan">
        <div className="space-y-3 text-sm">
          <CheckLine name="Sync-code scan clean or every finding acknowledged" check={check} />
          {view.scan?.findings.map((f) => (
            <div key={f.fingerprint} className="rounded border border-stone-200 p-3">
              <p>
                <CheckMark ok={Boolean(f.acknowledged)} />{" "}
                <span className="font-medium">
                  {f.folder}: {f.file}
                  {f.line ? `:${f.line}` : ""}
                </span>{" "}
                <span className="text-stone-600">
                  {f.kind} · id {f.fingerprint.slice(0, 12)}
                </span>
              </p>
              <pre className="mt-1 overflow-x-auto bg-stone-50 p-2 font-mono text-xs">{f.snippet}</pre>
              <p className="mt-1 text-stone-700">{f.why}</p>
              {f.acknowledged ? (
                <p className="mt-1 text-stone-600">
                  Acknowledged by {f.acknowledged.actor} at {formatUtc(f.acknowledged.at)}: “{f.acknowledged.note}”
                </p>
              ) : view.complete ? null : (
                <div className="mt-2">
                  <AcknowledgeFindingForm action={actions.acknowledge} finding={f.fingerprint} />
                </div>
              )}
            </div>
          ))}
          {view.complete ? null : <ScanForm action={actions.scan} />}
        </div>
      </SectionCard>
      <FlipCard view={view} actions={actions} ready={ready} check={check} />
    </>
  );
}

const COMPLETE = "The migration is complete (step 6 is approved): nothing here runs any more.";

function CheckLine({
  name,
  check,
}: {
  name: string;
  check: (name: string) => { ok: boolean; detail: string } | undefined;
}) {
  const found = check(name);
  if (!found) return null;
  return (
    <p>
      <CheckMark ok={found.ok} /> <span className="font-medium">{name}</span>: {found.detail}
    </p>
  );
}

function FlipCard({
  view,
  actions,
  ready,
  check,
}: {
  view: CutoverView;
  actions: CutoverActions;
  ready: boolean;
  check: (name: string) => { ok: boolean; detail: string } | undefined;
}) {
  const active = view.flip?.active ? view.flip : null;
  return (
    <SectionCard id="flip-heading" title="5. The flip">
      <div className="space-y-3 text-sm">
        <CheckLine name="Flipped: read_from_postgres recorded" check={check} />
        <CheckLine name="Flip verified" check={check} />
        {!active ? (
          <>
            {ready ? null : (
              <p className="text-stone-600">The flip waits for items 1–4 above; the server refuses it until then.</p>
            )}
            <PhraseForm
              action={actions.flip}
              id="flip-confirmation"
              phrase={view.phrases.flip}
              label="Flip to PostgreSQL"
              pendingLabel="Flipping…"
            />
          </>
        ) : (
          <>
            <div>
              <h3 className="font-medium">
                {active.verified ? "The switches set for this flip" : "Switches to change now"}
              </h3>
              <ul className="list-disc pl-5">
                {view.switches.toPostgres.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
            {active.verified ? null : view.dashboardUrl ? (
              <StepFiveButton
                action={actions.verify}
                tone="primary"
                label="Verify through /health/backend"
                pendingLabel="Polling the Dashboard…"
                hint={`Polls ${view.dashboardUrl}/health/backend for up to 30 s.`}
              />
            ) : (
              <PhraseForm
                action={actions.verify}
                id="switched-confirmation"
                phrase={view.phrases.switched}
                label="Confirm the switch"
                pendingLabel="Recording…"
              />
            )}
            <RollbackCard view={view} actions={actions} />
          </>
        )}
      </div>
    </SectionCard>
  );
}

function RollbackCard({ view, actions }: { view: CutoverView; actions: CutoverActions }) {
  const rollback = view.rollback;
  if (!rollback) return <p className="text-stone-600">Rollback is closed: step 6 (Archive) is approved.</p>;
  return (
    <section aria-labelledby="rollback-heading" className="rounded border border-red-200 p-3">
      <h3 id="rollback-heading" className="font-medium">
        Roll back (until step 6 is approved)
      </h3>
      {"problem" in rollback ? (
        <p className="text-red-800">The delta could not be read: {rollback.problem}</p>
      ) : (
        <Delta delta={rollback.delta} />
      )}
      <p className="mt-2 text-stone-700">
        Rolling back records read_from_postgres off and revokes step 5&apos;s approval; then:
      </p>
      <ul className="list-disc pl-5">
        {view.switches.backToSqlite.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="mt-2">
        <PhraseForm
          action={actions.rollback}
          id="rollback-confirmation"
          phrase={view.phrases.rollback}
          label="Roll back"
          pendingLabel="Rolling back…"
          tone="danger"
        />
      </div>
    </section>
  );
}

function Delta({ delta }: { delta: RollbackDelta }) {
  const groups = [
    ["Deleted in PostgreSQL since the flip — would come back", delta.wouldComeBack],
    ["Written to PostgreSQL since the flip, not in the Dashboard's file — would vanish", delta.wouldVanish],
    ["Changed in PostgreSQL since the flip — the file shows an older state", delta.changedSinceFlip],
  ] as const;
  return (
    <div className="mt-1 space-y-1">
      <p>What rolling back would do to the Dashboard&apos;s view now:</p>
      {groups.map(([label, entries]) => (
        <div key={label}>
          <p>
            {label}: {entries.length}
          </p>
          {entries.length > 0 ? (
            <ul className="list-disc pl-5 font-mono text-xs">
              {entries.map((e) => (
                <li key={e.videoId}>
                  {e.videoId}
                  {e.title ? ` — ${e.title}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <p>Written since the flip and already in the file (dual write): {delta.alreadyInSqlite}</p>
    </div>
  );
}
