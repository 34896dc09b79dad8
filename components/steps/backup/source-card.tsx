import type { ReactNode } from "react";
import type { SourceSummary } from "@/lib/steps/backup-summary";
import { CopyButton } from "./copy-button";
import { FindingText, VerdictBadge } from "./finding";
import { PathText } from "./path-text";
import { TableHead } from "@/components/table-head";

/** One source's backup evidence: where it came from, what the snapshot is, and whether it is proven good. */
export function SourceCard({ summary }: { summary: SourceSummary }) {
  const headingId = `backup-card-${summary.role}`;
  return (
    <article
      aria-labelledby={headingId}
      className={`min-w-0 rounded-lg border-2 bg-white p-4 ${summary.verified ? "border-emerald-300" : "border-red-300"}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="font-semibold">
          {summary.label} snapshot
        </h3>
        <VerdictBadge ok={summary.verified} yes="Verified" no="Not verified" />
      </div>
      <div className="mt-3 grid gap-x-8 gap-y-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <dl className="grid grid-cols-[10rem_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
          <Row term="Source">
            <PathText path={summary.sourcePath} />
          </Row>
          <Row term="Snapshot">
            <PathText path={summary.snapshotPath} />
          </Row>
          <Row term="Size">{summary.size}</Row>
          <Row term="SHA-256">
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-xs" title={summary.sha256}>
                {summary.sha256.slice(0, 16)}…
              </code>
              <CopyButton value={summary.sha256} label={`Copy the ${summary.label} snapshot's full SHA-256`} />
            </span>
          </Row>
          <Row term="Integrity">
            <FindingText finding={summary.integrity} />
          </Row>
          <Row term="Restore test">
            <FindingText finding={summary.restoreTest} />
          </Row>
          <Row term="Unchanged during backup">
            <FindingText finding={summary.stability} />
          </Row>
          <Row term="Categorization">
            {summary.categorization.compared ? (
              <FindingText finding={summary.categorization} />
            ) : (
              <span>
                {summary.categorization.text}
                <span className="block text-stone-600">
                  Shown for comparison: only the Dashboard&apos;s count is checked.
                </span>
              </span>
            )}
          </Row>
        </dl>
        <TableCounts summary={summary} />
      </div>
    </article>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-stone-600">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function TableCounts({ summary }: { summary: SourceSummary }) {
  return (
    <table className="w-full border-collapse self-start text-sm">
      <caption className="mb-1 text-left text-stone-600">
        {summary.tables.length} tables, {summary.totalRows.toLocaleString("en-US")} rows in the snapshot
      </caption>
      <TableHead
        cellClassName="py-1 pr-3"
        columns={["Table", { label: "Columns", numeric: true }, { label: "Rows", numeric: true }]}
      />
      <tbody>
        {summary.tables.map((table) => (
          <tr key={table.name} className="border-b border-stone-100">
            <td className="py-1 pr-3 font-mono text-xs break-all">{table.name}</td>
            <td className="py-1 pr-3 text-right tabular-nums">{table.columns}</td>
            <td className="py-1 text-right tabular-nums">{table.rows.toLocaleString("en-US")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
