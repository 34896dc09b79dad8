import type { CategorizationDiff, ChipState, NormalizedCategorization } from "@/lib/diff/categorization-diff";

// shape and a word carry the meaning; colour only repeats it
const CHIP: Record<ChipState, { marker: string | null; className: string }> = {
  same: { marker: null, className: "border-stone-300 bg-white text-stone-800" },
  added: { marker: "+ added", className: "border-emerald-600 bg-emerald-50 font-medium text-emerald-900" },
  removed: { marker: "− removed", className: "border-dashed border-red-500 bg-red-50 text-red-900" },
};

export type CategorizationChipsProps = {
  diff: CategorizationDiff;
  /** the side whose chips count as "removed" when missing from the other */
  leftLabel: string;
  rightLabel: string;
};

/** Two sides' categorization as category → subcategory chips, differences marked in words. */
export function CategorizationChips({ diff, leftLabel, rightLabel }: CategorizationChipsProps) {
  return (
    <div className="space-y-2 text-sm">
      <p className="text-xs text-stone-600">
        {diff.identical ? (
          <span className="font-medium text-emerald-800">
            <span aria-hidden="true">=</span> identical{diff.orderOnly ? " as sets (order or repeats differ)" : ""}
          </span>
        ) : (
          <>
            <span className="font-medium text-amber-900">
              <span aria-hidden="true">≠</span> differs
            </span>
            {` — + added: only in ${rightLabel}; − removed: only in ${leftLabel}`}
          </>
        )}
      </p>
      {diff.categories.length === 0 ? (
        <p className="text-stone-500 italic">— (no categorization on either side)</p>
      ) : (
        <CategoryList categories={diff.categories} />
      )}
      <Unreadable label={leftLabel} items={diff.left.unreadable} />
      <Unreadable label={rightLabel} items={diff.right.unreadable} />
    </div>
  );
}

/** One side's categorization, no comparison (e.g. the PostgreSQL column alone). */
export function CategorizationSide({ value, label }: { value: NormalizedCategorization; label: string }) {
  return (
    <div className="space-y-2 text-sm">
      {value.categories.length === 0 ? (
        <p className="text-stone-500 italic">— (no categorization)</p>
      ) : (
        <CategoryList
          categories={value.categories.map(({ category, subcategories }) => ({
            category,
            state: "same",
            chips: [...new Set(subcategories)].map((name) => ({ name, state: "same" })),
          }))}
        />
      )}
      <Unreadable label={label} items={value.unreadable} />
    </div>
  );
}

function CategoryList({ categories }: { categories: CategorizationDiff["categories"] }) {
  return (
    <ul className="space-y-1.5">
      {categories.map((category) => (
        <li key={category.category} className="flex flex-wrap items-baseline gap-1.5">
          <span className={`font-medium ${category.state === "removed" ? "line-through" : ""}`}>
            {category.category}
          </span>
          {CHIP[category.state].marker ? <Marker text={CHIP[category.state].marker!} /> : null}
          <span aria-hidden="true" className="text-stone-400">
            →
          </span>
          <ul className="flex flex-wrap gap-1" aria-label={`${category.category} subcategories`}>
            {category.chips.map((chip) => (
              <li
                key={chip.name}
                className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs ${CHIP[chip.state].className}`}
              >
                <span className={chip.state === "removed" ? "line-through" : ""}>{chip.name}</span>
                {CHIP[chip.state].marker ? <Marker text={CHIP[chip.state].marker!} /> : null}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function Marker({ text }: { text: string }) {
  return <span className="inline-block text-[11px] font-semibold tracking-tight whitespace-nowrap">{text}</span>;
}

function Unreadable({ label, items }: { label: string; items: NormalizedCategorization["unreadable"] }) {
  if (items.length === 0) return null;
  return (
    <ul className="space-y-1">
      {items.map((item) => (
        <li key={item.field} className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-950">
          <span aria-hidden="true">⚠</span> {label}: <code className="font-mono">{item.field}</code> is unreadable (not
          valid JSON)
          <details className="mt-1">
            <summary className="cursor-pointer">raw text ({item.raw.length} characters)</summary>
            <pre className="mt-1 max-h-48 overflow-auto font-mono break-words whitespace-pre-wrap">{item.raw}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
