import type { RecordStatusFilter } from "@/lib/merge/store/plan-queries";

/** How a record stands in PostgreSQL compared with the merged source ("planned": not copied yet). */
export type RecordStatus = RecordStatusFilter;

export const STATUS_LOOK: Record<RecordStatus, { icon: string; label: string; className: string }> = {
  planned: { icon: "○", label: "Not copied yet", className: "bg-stone-100 text-stone-700 ring-stone-300" },
  identical: { icon: "✓", label: "Identical", className: "bg-emerald-50 text-emerald-800 ring-emerald-300" },
  differs: { icon: "≠", label: "Differs", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  missing: { icon: "∅", label: "Missing", className: "bg-red-50 text-red-800 ring-red-300" },
  quarantined: { icon: "⚠", label: "Quarantined", className: "bg-orange-50 text-orange-900 ring-orange-300" },
};

/** A record's status as icon + word + colour; `title` can say against what (e.g. "in PostgreSQL"). */
export function StatusBadge({ value, title }: { value: RecordStatus; title?: string }) {
  const look = STATUS_LOOK[value];
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${look.className}`}
    >
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}
