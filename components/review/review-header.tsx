import Link from "next/link";

/** The review pages' heading and tabs (Records | Categorization records), as links: the URL is the state. */
export function ReviewHeader({ tab, categorized }: { tab: "records" | "categorization"; categorized?: number }) {
  const tabClass = (current: boolean) =>
    `rounded-t border-b-2 px-3 py-2 text-sm font-medium focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:outline-none ${current ? "border-stone-800 text-stone-900" : "border-transparent text-stone-600 hover:text-stone-900"}`;
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600">
        <Link href="/steps/copy" className="text-sky-800 underline">
          Step 3 of 6 · Copy &amp; diff
        </Link>{" "}
        › Review
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">Review the copy</h1>
      <p className="max-w-3xl text-sm text-stone-700">
        Every video of the merge plan: what each source held, what PostgreSQL holds now, and your decisions. Settle each
        conflict and each possibly-deleted video (or confirm the defaults), re-run the copy after a change, then approve
        step 3.
      </p>
      <nav aria-label="Review tabs" className="flex gap-1 border-b border-stone-200">
        <Link
          href="/steps/copy/records"
          aria-current={tab === "records" ? "page" : undefined}
          className={tabClass(tab === "records")}
        >
          All records
        </Link>
        <Link
          href="/steps/copy/records?tab=categorization"
          aria-current={tab === "categorization" ? "page" : undefined}
          className={tabClass(tab === "categorization")}
        >
          Categorization records{categorized === undefined ? "" : ` (${categorized})`}
        </Link>
      </nav>
    </div>
  );
}
