import type { MergeCase } from "@/lib/merge/classify";

/** A record's merge case (DESIGN.md "Merge rules"), as the plan stores it. */
export type RecordCase = MergeCase;

export const CASE_LOOK: Record<RecordCase, { icon: string; label: string; className: string }> = {
  both_equal: { icon: "=", label: "Both equal", className: "bg-stone-100 text-stone-700 ring-stone-300" },
  both_differ: { icon: "≠", label: "Both differ", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  dashboard_only: { icon: "◧", label: "Dashboard only", className: "bg-sky-50 text-sky-800 ring-sky-300" },
  nas_new: { icon: "+", label: "NAS new", className: "bg-indigo-50 text-indigo-800 ring-indigo-300" },
  resurrection_candidate: {
    icon: "↺",
    label: "Resurrection candidate",
    className: "bg-red-50 text-red-800 ring-red-300",
  },
};

/** A record's case as icon + word + colour, so no meaning rests on colour alone. */
export function CaseBadge({ value }: { value: RecordCase }) {
  const look = CASE_LOOK[value];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${look.className}`}
    >
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}
