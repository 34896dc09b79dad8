import Link from "next/link";
import type { AppContext } from "@/lib/app-context";
import { loadCategorizationTab } from "@/lib/review/categorization-tab";
import { CATEGORIZATION_LOOK, CategorizationTable } from "./categorization-table";
import { ListKeyboardNav } from "./keyboard-nav";
import { ReviewHeader } from "./review-header";

/** The categorization records tab (server component): the tally first, then each record. */
export async function CategorizationTab({ ctx, after }: { ctx: AppContext; after?: number }) {
  const tab = await loadCategorizationTab(ctx, after);
  if (!tab) {
    return (
      <div className="space-y-6">
        <ReviewHeader tab="categorization" />
        <p className="text-stone-700">There is no merge plan yet.</p>
      </div>
    );
  }
  const shown = tab.rows.length;
  return (
    <div className="space-y-5">
      <ReviewHeader tab="categorization" categorized={tab.total} />
      <section aria-labelledby="categorization-heading" className="space-y-3">
        <h2 id="categorization-heading" className="font-semibold">
          {tab.tally.identical === tab.total
            ? `✓ All ${tab.total} categorization records identical in PostgreSQL`
            : `${tab.tally.identical ?? 0} of ${shown} shown identical in PostgreSQL (${tab.total} categorization records)`}
        </h2>
        <ul className="flex flex-wrap gap-x-4 text-sm" aria-label="Tally">
          {Object.entries(tab.tally).map(([status, n]) => {
            const look = CATEGORIZATION_LOOK[status as keyof typeof CATEGORIZATION_LOOK];
            return (
              <li key={status} className={look.className}>
                <span aria-hidden="true">{look.icon}</span> {look.label}: {n}
              </li>
            );
          })}
        </ul>
        {tab.targetError ? (
          <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-900">
            PostgreSQL could not be read: {tab.targetError}
          </p>
        ) : null}
        <p className="text-xs text-stone-600">
          Compared as category → subcategory sets between the merged sources and PostgreSQL. Keys: j/k or ↓/↑, Enter.
        </p>
        <ListKeyboardNav />
        <CategorizationTable rows={tab.rows} />
        {tab.nextAfter !== null ? (
          <Link
            href={`/steps/copy/records?tab=categorization&after=${tab.nextAfter}`}
            className="text-sm text-sky-800 underline"
          >
            Next {shown} →
          </Link>
        ) : null}
      </section>
    </div>
  );
}
