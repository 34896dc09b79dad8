import type { PlanRow } from "@/lib/steps/schema-view";

/** An object's state as icon + word, so no meaning rests on colour alone. */
const LOOK: Record<PlanRow["state"], { icon: string; className: string }> = {
  present: { icon: "✓", className: "text-emerald-700" },
  missing: { icon: "+", className: "text-sky-800" },
  outdated: { icon: "↻", className: "text-amber-800" },
  different: { icon: "✕", className: "text-red-700" },
  unavailable: { icon: "–", className: "text-stone-600" },
};

export function ObjectStateMark({ state }: { state: PlanRow["state"] }) {
  const look = LOOK[state];
  return (
    <span className={`font-medium ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span> {state}
    </span>
  );
}
