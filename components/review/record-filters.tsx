import Link from "next/link";
import { CASE_LOOK } from "@/components/diff/case-badge";
import { SubmitButton } from "@/components/submit-button";
import { STATUS_LOOK } from "@/components/diff/status-badge";
import { QUARANTINE_LOOK, QUARANTINE_REASONS } from "@/lib/common/quarantine-reasons";
import { RECORD_STATUSES, reviewHref, type ReviewQuery } from "@/lib/review/filters";
import type { MergeCase } from "@/lib/merge/classify";

const BASE = "/steps/copy/records";

/** Counts per case under the other filters; each a link that filters by it (a plain GET, so shareable). */
export function CaseCounts({
  query,
  counts,
  total,
}: {
  query: ReviewQuery;
  counts: { mergeCase: MergeCase; count: number }[];
  total: number;
}) {
  const item = (label: string, count: number, href: string, current: boolean, icon?: string) => (
    <li key={label}>
      <Link
        href={href}
        aria-current={current ? "page" : undefined}
        className={`inline-flex items-center gap-1 rounded-full px-3 py-1 text-sm ring-1 ring-inset focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:outline-none ${current ? "bg-stone-800 text-white ring-stone-800" : "bg-white text-stone-800 ring-stone-300 hover:bg-stone-50"}`}
      >
        {icon ? <span aria-hidden="true">{icon}</span> : null}
        {label} <span className="tabular-nums">({count.toLocaleString("en-US")})</span>
      </Link>
    </li>
  );
  return (
    <nav aria-label="Records by case">
      <ul className="flex flex-wrap gap-2">
        {item("All cases", total, reviewHref(BASE, query, { case: undefined }), !query.case)}
        {counts.map((c) =>
          item(
            CASE_LOOK[c.mergeCase].label,
            c.count,
            reviewHref(BASE, query, { case: c.mergeCase }),
            query.case === c.mergeCase,
            CASE_LOOK[c.mergeCase].icon,
          ),
        )}
      </ul>
    </nav>
  );
}

/** The filters as a GET form: the URL is the state. */
export function RecordFilters({ query }: { query: ReviewQuery }) {
  const select = "rounded border border-stone-300 bg-white px-2 py-1.5 text-sm";
  return (
    <form
      method="get"
      action={BASE}
      role="search"
      aria-label="Filter records"
      className="flex flex-wrap items-end gap-3 text-sm"
    >
      {query.case ? <input type="hidden" name="case" value={query.case} /> : null}
      <label className="flex flex-col gap-1">
        <span className="font-medium">Title or video id</span>
        <input
          name="q"
          defaultValue={query.q ?? ""}
          type="search"
          className="w-64 rounded border border-stone-300 px-2 py-1.5"
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Status in PostgreSQL</span>
        <select name="status" defaultValue={query.status ?? ""} className={select}>
          <option value="">Any status</option>
          {RECORD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LOOK[s].label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Quarantine reason</span>
        <select name="reason" defaultValue={query.reason ?? ""} className={select}>
          <option value="">Any or none</option>
          {QUARANTINE_REASONS.map((r) => (
            <option key={r} value={r}>
              {QUARANTINE_LOOK[r].label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 py-1.5">
        <input type="checkbox" name="categorized" value="1" defaultChecked={Boolean(query.categorized)} />
        Categorization records only
      </label>
      <label className="flex items-center gap-2 py-1.5">
        <input type="checkbox" name="open" value="1" defaultChecked={Boolean(query.open)} />
        Waiting for your decision (what the review gate counts)
      </label>
      <SubmitButton tone="dark" size="sm">
        Filter
      </SubmitButton>
      <Link href={BASE} className="py-1.5 text-sky-800 underline">
        Clear filters
      </Link>
    </form>
  );
}
