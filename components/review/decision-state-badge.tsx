import type { DecisionState } from "@/lib/review/decision-state";

const LOOK: Record<DecisionState, { icon: string; label: string; className: string } | null> = {
  decided: { icon: "✓", label: "Decided", className: "text-emerald-800" },
  confirmed: { icon: "✓", label: "Default confirmed", className: "text-emerald-800" },
  undecided: { icon: "○", label: "Needs a decision", className: "font-medium text-amber-900" },
  none: null,
};

/** Whether the owner has settled a record that needs it, in words. */
export function DecisionStateBadge({ state }: { state: DecisionState }) {
  const look = LOOK[state];
  if (!look) return <span className="text-stone-500">—</span>;
  return (
    <span className={`whitespace-nowrap ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}
