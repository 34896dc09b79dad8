import { FoldedValue } from "@/components/diff/folded-value";
import type { RecordDetail } from "@/lib/review/record-detail";
import { quarantineLabel } from "@/lib/common/quarantine-reasons";
import { TableHead } from "@/components/table-head";

/** This record's quarantine rows: what PostgreSQL's migration_quarantine holds now, else the plan's. */
export function QuarantineSection({ detail }: { detail: RecordDetail }) {
  const target = detail.targetQuarantine;
  const rows = target
    ? target.map((q) => ({ ...q, sourceTable: q.source_table, sourceKey: q.source_key, original: q.raw }))
    : detail.planQuarantine.map((q) => ({ ...q, original: q.original }));
  return (
    <section aria-labelledby="quarantine-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="quarantine-heading" className="font-semibold">
        Quarantine ({rows.length}){" "}
        <span className="text-sm font-normal text-stone-600">
          {target ? "in PostgreSQL" : "in the plan (PostgreSQL not read)"}
        </span>
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-stone-600">Nothing of this record is in quarantine.</p>
      ) : (
        <table className="w-full table-fixed border-collapse text-sm">
          <TableHead
            cellClassName="py-2 pr-3"
            columns={[
              { label: "Reason", width: "w-48" },
              { label: "Source row", width: "w-56" },
              "What happened",
              "Original value",
            ]}
          />
          <tbody>
            {rows.map((q, i) => (
              <tr key={i} className="border-b border-stone-100 align-top">
                <td className="py-1.5 pr-3 font-medium">
                  <span aria-hidden="true">⚠</span> {quarantineLabel(q.reason)}
                  {q.field ? <span className="block font-mono text-xs font-normal">{q.field}</span> : null}
                </td>
                <td className="py-1.5 pr-3 font-mono text-xs break-all">
                  {q.source}.{q.sourceTable} {q.sourceKey}
                </td>
                <td className="py-1.5 pr-3">{q.detail}</td>
                <td className="py-1.5">
                  <FoldedValue value={q.original} maxChars={160} mono />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
