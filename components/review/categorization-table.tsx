import Link from "next/link";
import { CaseBadge } from "@/components/diff/case-badge";
import { CategorizationChips } from "@/components/diff/categorization-chips";
import type { MergeCase } from "@/lib/merge/classify";
import type { CategorizationStatus, loadCategorizationTab } from "@/lib/review/categorization-tab";
import { TableHead } from "@/components/table-head";

type Tab = NonNullable<Awaited<ReturnType<typeof loadCategorizationTab>>>;

export const CATEGORIZATION_LOOK: Record<CategorizationStatus, { icon: string; label: string; className: string }> = {
  identical: { icon: "✓", label: "Identical", className: "text-emerald-800" },
  different: { icon: "≠", label: "Different", className: "font-medium text-amber-900" },
  missing: { icon: "∅", label: "Missing in PostgreSQL", className: "font-medium text-red-800" },
  kept_out: { icon: "—", label: "Kept out by decision", className: "text-stone-600" },
  unknown: { icon: "?", label: "PostgreSQL not reachable", className: "text-stone-600" },
};

/** The categorization records: merged source vs PostgreSQL, compared as category → subcategory sets. */
export function CategorizationTable({ rows }: { rows: Tab["rows"] }) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">Categorization records compared with PostgreSQL</caption>
      <TableHead
        cellClassName="py-2 pr-3"
        columns={["Title and video id", "Case", "In PostgreSQL", "Categorization (merged source → PostgreSQL)"]}
      />
      <tbody>
        {rows.map((row) => {
          const look = CATEGORIZATION_LOOK[row.status];
          return (
            <tr key={row.videoId} className="border-b border-stone-100 align-top">
              <td className="max-w-xs py-1.5 pr-3">
                <Link
                  href={`/steps/copy/records/${row.videoId}?categorized=1`}
                  data-review-row
                  className="block rounded font-medium underline-offset-2 hover:underline focus-visible:bg-sky-50 focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:outline-none"
                >
                  <span className="line-clamp-1 break-all">{row.title || "(no title)"}</span>
                  <span className="font-mono text-xs font-normal text-stone-600">{row.videoId}</span>
                </Link>
              </td>
              <td className="py-1.5 pr-3">
                <CaseBadge value={row.mergeCase as MergeCase} />
              </td>
              <td className={`py-1.5 pr-3 whitespace-nowrap ${look.className}`}>
                <span aria-hidden="true">{look.icon}</span> {look.label}
              </td>
              <td className="py-1.5">
                {row.status === "identical" ? (
                  <span className="text-stone-700">
                    {row.diff.left.categories
                      .map((c) => `${c.category} → ${[...new Set(c.subcategories)].join(", ")}`)
                      .join("; ")}
                  </span>
                ) : (
                  <CategorizationChips diff={row.diff} leftLabel="merged source" rightLabel="PostgreSQL" />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
