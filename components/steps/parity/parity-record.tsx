import { PARITY_SIDES } from "@/components/diff/three-column-table";
import { FieldsSection } from "@/components/review/record-fields";
import type { ActionResult } from "@/lib/common/action-result";
import { formatUtc } from "@/lib/common/format-time";
import { countOf } from "@/lib/common/plural";
import { KIND_WORDS, type Difference } from "@/lib/parity/kinds";
import type { ParityRecordView } from "@/lib/parity/record-view";
import { AcceptForm, ButtonForm } from "./parity-forms";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * A video's parity differences and their remedies, above the record view's fields (step 3's
 * table, with parity's four columns). A remedy is shown only when the server would accept it;
 * otherwise the page says why not.
 */
export function ParityDifferences({
  view,
  actions,
}: {
  view: ParityRecordView;
  actions: { accept: Action; recopy: Action };
}) {
  const run = view.run;
  return (
    <section
      aria-labelledby="parity-differences-heading"
      className="space-y-3 rounded-lg border border-stone-200 bg-white p-4"
    >
      <h2 id="parity-differences-heading" className="font-semibold">
        {run
          ? `Differences parity run #${run.stepRunId ?? run.id} found for this video: ${countOf(view.recorded.length, "difference")}`
          : "No parity run has been recorded yet"}
      </h2>
      {run ? (
        <p className="text-sm text-stone-700">
          Run #{run.stepRunId ?? run.id} ({run.status}
          {run.finishedAt ? `, ${formatUtc(run.finishedAt)}` : ""}). Each difference is checked again as this page
          loads: the live files merged by the copy&apos;s rules against PostgreSQL now.
        </p>
      ) : null}
      {view.recorded.length ? (
        <ul className="space-y-3">
          {view.recorded.map((d) => (
            <li key={d.id} className="rounded border border-stone-200 p-3 text-sm">
              <DifferenceLine difference={d} />
              <p className="mt-1">
                {d.accepted ? (
                  <span className="text-emerald-800">accepted</span>
                ) : d.stillThere ? (
                  <span className="font-medium text-rose-900">still found now</span>
                ) : view.targetError ? (
                  <span className="text-stone-600">not checked now: PostgreSQL could not be read</span>
                ) : (
                  <span className="text-emerald-800">not found now: PostgreSQL matches the merged files here</span>
                )}
              </p>
              {!d.accepted && d.stillThere && view.accept.offered ? (
                <div className="mt-2 max-w-md">
                  <AcceptForm differenceId={d.id} action={actions.accept} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {view.newSinceRun.length ? (
        <div className="space-y-2">
          <p className="text-sm font-medium text-rose-900">
            Found now, not by run #{run ? (run.stepRunId ?? run.id) : "—"} (the files or PostgreSQL changed since): run
            parity again to record {view.newSinceRun.length === 1 ? "it" : "them"}.
          </p>
          <ul className="space-y-2">
            {view.newSinceRun.map((d) => (
              <li key={`${d.kind}:${d.field ?? ""}`} className="rounded border border-rose-200 p-3 text-sm">
                <DifferenceLine difference={d} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="space-y-1 border-t border-stone-100 pt-3 text-sm">
        {view.recopy.offered ? (
          <div className="max-w-md space-y-1">
            <p className="text-stone-700">
              Re-copy reads the live files now, merges this video by the copy&apos;s rules and your decisions, and
              writes the result to PostgreSQL (or removes it there when neither file has it).
            </p>
            <ButtonForm
              fields={{ videoId: view.videoId }}
              label="Re-copy this record"
              pendingLabel="Re-copying…"
              tone="secondary"
              action={actions.recopy}
            />
          </div>
        ) : (
          <p className="text-stone-700">Re-copy is not offered: {view.recopy.why}.</p>
        )}
        {view.accept.offered ? null : <p className="text-stone-700">Accepting is not offered: {view.accept.why}.</p>}
      </div>
    </section>
  );
}

/** A difference's two values, as the run recorded them: the merged live files and PostgreSQL. */
export function DifferenceValues({ difference: d }: { difference: Pick<Difference, "sourceValue" | "targetValue"> }) {
  return (
    <dl className="mt-2 grid gap-1 sm:grid-cols-[8rem_1fr]">
      <dt className="text-stone-600">SQLite (merged)</dt>
      <dd className="font-mono text-xs break-all">{d.sourceValue}</dd>
      <dt className="text-stone-600">PostgreSQL</dt>
      <dd className="font-mono text-xs break-all">{d.targetValue}</dd>
    </dl>
  );
}

function DifferenceLine({ difference: d }: { difference: Difference }) {
  return (
    <>
      <p>
        <span className="rounded bg-rose-100 px-1.5 py-0.5 font-medium text-rose-900">
          <span aria-hidden="true">⚑</span> {d.kind}
        </span>
        {d.field ? (
          <>
            {" "}
            · <code className="font-mono">{d.field}</code>
          </>
        ) : null}{" "}
        <span className="text-stone-600">({KIND_WORDS[d.kind]})</span>
      </p>
      <DifferenceValues difference={d} />
    </>
  );
}

/** The four columns: each live file, the merge of both, and PostgreSQL; parity compares the last two. */
export function ParityFields({ view }: { view: ParityRecordView }) {
  const presence = view.recorded.some((d) => d.field === null) || view.newSinceRun.some((d) => d.field === null);
  return (
    <div className="space-y-2">
      <p className="max-w-4xl text-sm text-stone-700">
        <span className="font-medium">NAS</span> and <span className="font-medium">Dashboard</span>: the live files as
        read now. <span className="font-medium">Merged by the copy&apos;s rules</span>: what the copy&apos;s merge rules
        and your step-3 decisions make of them, which is what PostgreSQL should hold.{" "}
        <span className="font-medium">PostgreSQL</span>: the target now. Parity compares the last two; a field it names
        is marked ⚑ with the difference&apos;s kind.
      </p>
      <FieldsSection
        rows={view.rows}
        columns={PARITY_SIDES}
        absentSides={PARITY_SIDES.filter((side) => view.absent[side] !== undefined)}
        absentWords={view.absent}
        targetError={view.targetError}
        heading={(differing, same) =>
          differing.length
            ? `${countOf(differing.length, "field")} with a parity difference (⚑); ${same} without`
            : `none with a parity difference of its own; ${same} shown below`
        }
        differingCaption="Fields with a parity difference (⚑ names its kind)"
        noneDiffer={
          presence
            ? "No field has a difference of its own: this video's difference is where it is (see the columns' headers and the difference above)."
            : "No field has a parity difference."
        }
        sameSummary={(n) => `Show the fields without a parity difference (${n})`}
        sameWords="no parity difference"
      />
    </div>
  );
}
