import { GATE_CASES, type DecisionState } from "@/lib/review/decision-state";

const LOOK: Record<DecisionState, { icon: string; label: string; className: string } | null> = {
  decided: { icon: "✓", label: "Decided", className: "text-emerald-800" },
  confirmed: { icon: "✓", label: "Default confirmed", className: "text-emerald-800" },
  undecided: { icon: "○", label: "Needs a decision", className: "font-medium text-amber-900" },
  none: null,
};
/** A NAS-new video's default (copy) loses nothing: the review gate does not wait for it. */
const OPTIONAL = { icon: "○", label: "Default (copy), not confirmed", className: "text-stone-600" };

/** Whether the owner has settled a record that needs it, in words; "needs" only where the gate waits for it. */
export function DecisionStateBadge({ state, mergeCase }: { state: DecisionState; mergeCase: string }) {
  const gated = GATE_CASES.includes(mergeCase as never);
  const look = state === "undecided" && !gated ? OPTIONAL : LOOK[state];
  if (!look) return <span className="text-stone-500">—</span>;
  return (
    <span className={`whitespace-nowrap ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}
