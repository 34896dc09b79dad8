import Link from "next/link";
import { requireOwnerPage } from "@/app/_lib/owner";
import { CategorizationTab } from "@/components/review/categorization-tab";
import { ConfirmDefaultsForm } from "@/components/review/confirm-defaults-form";
import { GatePanel } from "@/components/review/gate-panel";
import { ListKeyboardNav } from "@/components/review/keyboard-nav";
import { CaseCounts, RecordFilters } from "@/components/review/record-filters";
import { RecordsTable } from "@/components/review/records-table";
import { PlaceholderList } from "@/components/review/placeholder-list";
import { loadPlaceholderList } from "@/lib/review/placeholder-list";
import { ReviewHeader } from "@/components/review/review-header";
import { copyFreshness } from "@/lib/review/copy-freshness";
import { parseReviewQuery, reviewHref, type RawSearchParams } from "@/lib/review/filters";
import { loadRecordsPage } from "@/lib/review/records";
import { reviewGate } from "@/lib/review/review-gate";
import { loadOwnerStatus } from "@/lib/steps/owner-status";
import { confirmDefaultsAction } from "./decision-actions";

const BASE = "/steps/copy/records";

export default async function RecordsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const query = parseReviewQuery(await searchParams);
  const ctx = await requireOwnerPage();
  if (query.tab === "categorization") return <CategorizationTab ctx={ctx} after={query.after} />;
  const page = await loadRecordsPage(ctx, query);
  if (!page) {
    return (
      <div className="space-y-6">
        <ReviewHeader tab="records" />
        <p className="text-stone-700">
          There is no merge plan yet. Make one on the{" "}
          <Link href="/steps/copy" className="text-sky-800 underline">
            Copy &amp; diff
          </Link>{" "}
          page (or run <code className="font-mono">npx cutover plan</code>) first.
        </p>
      </div>
    );
  }
  const [gate, status, placeholders] = await Promise.all([
    reviewGate(ctx),
    loadOwnerStatus(ctx, "copy"),
    loadPlaceholderList(ctx, page.plan.id),
  ]);
  const freshness = gate.freshness ?? (await copyFreshness(ctx));
  const linkQuery = reviewHref("", { ...query, tab: undefined });
  const filtersOnly = linkQuery.replace(/^\?/, "");
  return (
    <div className="space-y-5">
      <ReviewHeader tab="records" categorized={page.plan.counts?.categorized} />
      <GatePanel checks={gate.checks} freshness={freshness} status={status} />
      <PlaceholderList list={placeholders} linkQuery={linkQuery} />
      <section aria-labelledby="records-heading" className="space-y-3">
        <h2 id="records-heading" className="font-semibold">
          {page.filteredTotal.toLocaleString("en-US")} of {page.planTotal.toLocaleString("en-US")} records
          {query.case ? "" : " (all cases)"}
        </h2>
        <CaseCounts query={query} counts={page.caseCounts} total={page.otherFiltersTotal} />
        <RecordFilters query={query} />
        <ConfirmDefaultsForm
          query={filtersOnly}
          pending={gate.pending?.gate.length ?? 0}
          optional={gate.pending?.optional ?? 0}
          action={confirmDefaultsAction}
        />
        <p className="text-xs text-stone-600">
          Keys: <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> or ↓/↑ move between records,{" "}
          <kbd className="font-mono">Enter</kbd> opens one.
        </p>
        <ListKeyboardNav />
        <RecordsTable records={page.records} linkQuery={linkQuery} />
        <nav aria-label="Pages" className="flex gap-4 text-sm">
          {query.after !== undefined ? (
            <Link href={reviewHref(BASE, query, { after: undefined })} className="text-sky-800 underline">
              ← First page
            </Link>
          ) : null}
          {page.nextAfter !== null ? (
            <Link href={reviewHref(BASE, query, { after: page.nextAfter })} className="text-sky-800 underline">
              Next {page.records.length} records →
            </Link>
          ) : (
            <span className="text-stone-600">End of the list.</span>
          )}
        </nav>
      </section>
    </div>
  );
}
