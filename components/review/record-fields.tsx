import { SOURCE_SIDES, ThreeColumnTable, type FieldRow, type SourceSide } from "@/components/diff/three-column-table";
import { countOf } from "@/lib/common/plural";
import { sidesDiffer } from "@/lib/diff/field-compare";
import type { RecordDetail } from "@/lib/review/record-detail";

/** Step 3's record fields: NAS | Dashboard | PostgreSQL, the ones that differ somewhere first. */
export function RecordFields({ detail }: { detail: RecordDetail }) {
  const absent: SourceSide[] = [
    ...(detail.absent.nas ? (["nas"] as const) : []),
    ...(detail.absent.dashboard ? (["dashboard"] as const) : []),
    ...(detail.inTarget ? [] : (["postgres"] as const)),
  ];
  return (
    <FieldsSection
      rows={detail.fieldRows}
      absentSides={absent}
      targetError={detail.targetError}
      heading={(differing, same) => fieldsHeading(differing, same)}
      differingCaption="Fields that differ (✓ chosen marks the side the copy takes)"
      noneDiffer="= Every field is the same on every side that has this record."
    />
  );
}

/**
 * The record view's field section, shared by step 3 and parity (step 4): the rows that differ
 * in one table, the rest folded below. A row's `differs` decides which table it is in; without
 * it, the present columns are compared.
 */
export function FieldsSection({
  rows,
  columns = SOURCE_SIDES,
  absentSides,
  absentWords,
  targetError,
  heading,
  differingCaption,
  noneDiffer,
  sameSummary = (n) => `Show the fields that are the same everywhere (${n})`,
  sameWords,
}: {
  rows: readonly FieldRow[];
  columns?: readonly SourceSide[];
  absentSides: readonly SourceSide[];
  absentWords?: Partial<Record<SourceSide, string>>;
  targetError: string | null;
  heading: (differing: FieldRow[], same: number) => string;
  differingCaption: string;
  noneDiffer: string;
  sameSummary?: (same: number) => string;
  sameWords?: string;
}) {
  const present = columns.filter((s) => !absentSides.includes(s));
  const differs = (row: FieldRow) =>
    row.differs ??
    sidesDiffer(
      present.map((side) => row.values[side]),
      row.kind,
    );
  const differing = rows.filter(differs);
  const same = rows.filter((row) => !differs(row));
  const labels = { postgres: targetError ? "PostgreSQL (not read)" : "PostgreSQL" };
  const table = { columns, absentSides, absentWords, labels, sameWords };
  return (
    <section aria-labelledby="fields-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="fields-heading" className="font-semibold">
        Fields: {heading(differing, same.length)}
      </h2>
      {targetError ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-900">
          PostgreSQL could not be read: {targetError}
        </p>
      ) : null}
      {differing.length ? (
        <ThreeColumnTable caption={differingCaption} rows={differing} {...table} />
      ) : (
        <p className="text-sm text-stone-600">{noneDiffer}</p>
      )}
      {same.length ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-sky-800 underline">
            {sameSummary(same.length)}
          </summary>
          <div className="mt-2">
            <ThreeColumnTable caption="Fields that are the same" rows={same} {...table} foldAt={160} />
          </div>
        </details>
      ) : null}
    </section>
  );
}

type Row = FieldRow;

/**
 * "nothing to decide; 3 differ without a choice (2 columns only one file has, 1 bookkeeping
 * timestamp); 27 the same": a "Both equal" record's differences are named as what they are,
 * so they do not read as conflicts the merge missed.
 */
export function fieldsHeading(differing: Row[], same: number): string {
  const plural = (n: number, word: string) => countOf(n, word);
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
