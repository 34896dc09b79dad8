import { ThreeColumnTable, type SourceSide } from "@/components/diff/three-column-table";
import { sidesDiffer } from "@/lib/diff/field-compare";
import type { RecordDetail } from "@/lib/review/record-detail";

/** The fields in three columns: the ones that differ somewhere first, the rest folded below. */
export function RecordFields({ detail }: { detail: RecordDetail }) {
  const absent: SourceSide[] = [
    ...(detail.absent.nas ? (["nas"] as const) : []),
    ...(detail.absent.dashboard ? (["dashboard"] as const) : []),
    ...(detail.inTarget ? [] : (["postgres"] as const)),
  ];
  const present = (["nas", "dashboard", "postgres"] as const).filter((s) => !absent.includes(s));
  const differs = (row: RecordDetail["fieldRows"][number]) =>
    row.differs ??
    sidesDiffer(
      present.map((side) => row.values[side]),
      row.kind,
    );
  const differing = detail.fieldRows.filter(differs);
  const same = detail.fieldRows.filter((row) => !differs(row));
  const labels = { postgres: detail.targetError ? "PostgreSQL (not read)" : "PostgreSQL" };
  return (
    <section aria-labelledby="fields-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="fields-heading" className="font-semibold">
        Fields: {fieldsHeading(differing, same.length)}
      </h2>
      {detail.targetError ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-900">
          PostgreSQL could not be read: {detail.targetError}
        </p>
      ) : null}
      {differing.length ? (
        <ThreeColumnTable
          caption="Fields that differ (✓ chosen marks the side the copy takes)"
          rows={differing}
          absentSides={absent}
          labels={labels}
        />
      ) : (
        <p className="text-sm text-stone-600">= Every field is the same on every side that has this record.</p>
      )}
      {same.length ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-sky-800 underline">
            Show the {same.length} fields that are the same everywhere
          </summary>
          <div className="mt-2">
            <ThreeColumnTable
              caption="Fields that are the same"
              rows={same}
              absentSides={absent}
              labels={labels}
              foldAt={160}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}

type Row = RecordDetail["fieldRows"][number];

/**
 * "nothing to decide; 3 differ without a choice (2 columns only one file has, 1 bookkeeping
 * timestamp); 27 the same": a "Both equal" record's differences are named as what they are,
 * so they do not read as conflicts the merge missed.
 */
export function fieldsHeading(differing: Row[], same: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const tally = (difference: Row["difference"]) => differing.filter((row) => row.difference === difference).length;
  const conflicts = tally("conflict");
  const kinds = [
    [tally("one-file"), (n: number) => `${plural(n, "column")} only one file has`],
    [tally("bookkeeping"), (n: number) => plural(n, "bookkeeping timestamp")],
    [tally(undefined), (n: number) => `${n} in PostgreSQL`],
  ] as const;
  const without = differing.length - conflicts;
  const why = kinds.filter(([n]) => n > 0).map(([n, words]) => words(n));
  return [
    conflicts ? `${conflicts} to decide` : "nothing to decide",
    ...(without ? [`${without} ${without === 1 ? "differs" : "differ"} without a choice (${why.join(", ")})`] : []),
    `${same} the same`,
  ].join("; ");
}
