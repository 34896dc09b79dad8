import Link from "next/link";
import { CaseBadge } from "@/components/diff/case-badge";
import { StatusBadge } from "@/components/diff/status-badge";
import type { RecordStatus } from "@/components/diff/status-badge";
import type { RecordRow } from "@/lib/review/records";
import { DecisionStateBadge } from "./decision-state-badge";
import { quarantineLabel } from "@/lib/common/quarantine-reasons";
import { TableHead } from "@/components/table-head";

/** One page of the plan's records. The title is the row's link: j/k move between them, Enter opens. */
export function RecordsTable({ records, linkQuery }: { records: RecordRow[]; linkQuery: string }) {
  if (records.length === 0) return <p className="text-sm text-stone-600">No records match these filters.</p>;
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">Records of the merge plan</caption>
      <TableHead
        cellClassName="py-2 pr-3"
        columns={["Title and video id", "Case", "In PostgreSQL", "Decision", "What differs"]}
      />
      <tbody>
        {records.map((r) => (
          <tr key={r.videoId} className="border-b border-stone-100 align-top hover:bg-stone-50">
            <td className="max-w-md py-1.5 pr-3">
              <Link
                href={`/steps/copy/records/${r.videoId}${linkQuery}`}
                data-review-row
                className="block rounded font-medium text-stone-900 underline-offset-2 hover:underline focus-visible:bg-sky-50 focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:outline-none"
              >
                <span className="line-clamp-1 break-all">{r.title || "(no title)"}</span>
                <span className="font-mono text-xs font-normal text-stone-600">{r.videoId}</span>
              </Link>
            </td>
            <td className="py-1.5 pr-3">
              <CaseBadge value={r.mergeCase} />
            </td>
            <td className="py-1.5 pr-3">
              <StatusBadge
                value={r.status as RecordStatus}
                title="compared with the merged sources by the last verify"
              />
              {r.action === "skip" ? (
                <span className="mt-0.5 block text-xs text-stone-600">not copied (kept out)</span>
              ) : null}
            </td>
            <td className="py-1.5 pr-3">
              <DecisionStateBadge state={r.decision} mergeCase={r.mergeCase} />
            </td>
            <td className="py-1.5 text-xs text-stone-700">
              <Details record={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Details({ record: r }: { record: RecordRow }) {
  const parts: string[] = [];
  if (r.categorized) parts.push("categorization record");
  if (r.differingFields) parts.push(`${r.differingFields} field${r.differingFields > 1 ? "s" : ""} differ`);
  if (r.summaryConflicts) parts.push(`${r.summaryConflicts} summary conflict${r.summaryConflicts > 1 ? "s" : ""}`);
  if (r.quarantineReasons.length) parts.push(`quarantine: ${r.quarantineReasons.map(quarantineLabel).join(", ")}`);
  if (r.mismatch?.length) parts.push(`differs in PostgreSQL: ${r.mismatch.join(", ")}`);
  return parts.length ? <>{parts.join(" · ")}</> : <span className="text-stone-500">—</span>;
}
