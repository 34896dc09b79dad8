import { CategorizationChips } from "@/components/diff/categorization-chips";
import type { RecordDetail } from "@/lib/review/record-detail";

/** The categorization as chips: NAS → Dashboard, and the merged source → PostgreSQL. */
export function RecordCategorization({ detail }: { detail: RecordDetail }) {
  const { sources, target, inTarget } = detail.categorization;
  if (sources.categories.length === 0 && target.categories.length === 0) return null;
  return (
    <section
      aria-labelledby="categorization-heading"
      className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 md:grid-cols-2"
    >
      <h2 id="categorization-heading" className="font-semibold md:col-span-2">
        Categorization
      </h2>
      <div>
        <h3 className="mb-1 text-sm font-medium">NAS → Dashboard</h3>
        <CategorizationChips diff={sources} leftLabel="NAS" rightLabel="Dashboard" />
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium">Merged source → PostgreSQL</h3>
        {inTarget ? (
          <CategorizationChips diff={target} leftLabel="the merged source" rightLabel="PostgreSQL" />
        ) : (
          <p className="text-sm text-stone-600 italic">∅ Not in PostgreSQL.</p>
        )}
      </div>
    </section>
  );
}
