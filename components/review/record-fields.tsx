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
        Fields: {differing.length} differ, {same.length} the same
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
