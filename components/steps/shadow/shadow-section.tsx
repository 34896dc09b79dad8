import { countOf } from "@/lib/common/plural";
import { formatTime } from "@/components/format";
import { SectionCard } from "@/components/section-card";
import type { ActionResult } from "@/lib/common/action-result";
import type { ShadowView } from "@/lib/shadow/shadow-view";
import type { ShadowKindState, StoredFinding } from "@/lib/shadow/store";
import { AcknowledgeKindForm, RunShadowForm } from "./shadow-forms";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

type Props = {
  view: ShadowView;
  /** another action of the workflow runs (the lease): the button is only a hint, the server refuses */
  running?: boolean;
  actions: { run: Action; acknowledge: Action };
};

/**
 * Step 4's shadow read: the Dashboard as the SQLite era rendered it against the PostgreSQL era,
 * the latest run's findings by kind with examples side by side, and an acknowledgement (with a
 * note) per kind. Placed on step 4's page by the page itself.
 */
export function ShadowSection({ view, running = false, actions }: Props) {
  const { state, verdict } = view;
  return (
    <SectionCard id="shadow-read-heading" title="Shadow read: the Dashboard in both eras">
      <div className="space-y-4 text-sm">
        {view.locked ? (
          <p className="text-stone-600">
            Locked: the shadow read runs once step 3 &quot;Copy &amp; diff&quot; is approved.
          </p>
        ) : null}
        {state ? (
          <p>
            <span className={verdict.ok ? "font-medium text-emerald-800" : "font-medium text-red-800"}>
              {verdict.ok ? "✓" : "✕"} {verdict.detail}
            </span>{" "}
            <span className="text-stone-600">
              Run #{state.run.id}, {formatTime(state.run.finishedAt)}: Dashboard {state.run.dashboard} against{" "}
              {state.run.target}; {state.run.summary.views.length} list views, {state.run.summary.details.length} detail
              pages and the facets; {state.run.summary.listed.sqlite} cards listed by the SQLite era,{" "}
              {state.run.summary.listed.postgres} by the PostgreSQL era.
            </span>
          </p>
        ) : view.locked ? null : (
          <p className="text-stone-600">No shadow read has run yet.</p>
        )}
        {state?.kinds.map((kind) => (
          <KindCard key={kind.kind} kind={kind} acknowledge={actions.acknowledge} />
        ))}
        {view.locked ? null : <RunShadowForm action={actions.run} disabled={running} />}
      </div>
    </SectionCard>
  );
}

const shown = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));

function KindCard({ kind, acknowledge }: { kind: ShadowKindState; acknowledge: Action }) {
  return (
    <section aria-labelledby={`shadow-kind-${kind.kind}`} className="rounded border border-stone-200 p-3">
      <h3 id={`shadow-kind-${kind.kind}`} className="font-medium">
        {kind.kind}: {countOf(kind.count, "finding")}, {kind.open} open{" "}
        <span className="font-normal text-stone-600">— {kind.title}</span>
      </h3>
      <table className="mt-2 w-full table-fixed text-left text-xs">
        <thead className="text-stone-600">
          <tr>
            <th className="w-1/4 py-1 font-medium">Where</th>
            <th className="w-1/4 py-1 font-medium">SQLite era</th>
            <th className="w-1/4 py-1 font-medium">PostgreSQL era</th>
            <th className="w-1/4 py-1 font-medium">State</th>
          </tr>
        </thead>
        <tbody>
          {kind.examples.map((f) => (
            <ExampleRow key={f.fingerprint} finding={f} />
          ))}
        </tbody>
      </table>
      {kind.count > kind.examples.length ? (
        <p className="mt-1 text-xs text-stone-600">
          … and {kind.count - kind.examples.length} more (npx cutover shadow --json lists the same examples).
        </p>
      ) : null}
      {kind.open > 0 ? (
        <div className="mt-3">
          <AcknowledgeKindForm action={acknowledge} kind={kind.kind} open={kind.open} />
        </div>
      ) : null}
    </section>
  );
}

function ExampleRow({ finding }: { finding: StoredFinding }) {
  return (
    <tr className="border-t border-stone-100 align-top">
      <td className="py-1 pr-2 break-words">
        {finding.view}
        {finding.videoId ? <span className="block font-mono">{finding.videoId}</span> : null}
        {finding.field ? <span className="block font-mono">{finding.field}</span> : null}
      </td>
      <td className="py-1 pr-2 font-mono break-words">{shown(finding.sqlite)}</td>
      <td className="py-1 pr-2 font-mono break-words">{shown(finding.postgres)}</td>
      <td className="py-1 break-words">
        {finding.acknowledged ? (
          <span className="text-emerald-800">
            acknowledged by {finding.acknowledged.actor}: {finding.acknowledged.note}
          </span>
        ) : (
          <span className="text-red-800">open</span>
        )}
      </td>
    </tr>
  );
}
