import type { StepState } from "@/lib/workflow/step-state";

/** A step state as icon + word + colour, so no meaning rests on colour alone. */
type Look = { icon: string; label: string; className: string };
const LOOK: Record<StepState, Look> = {
  locked: { icon: "⊘", label: "Locked", className: "bg-stone-100 text-stone-600 ring-stone-300" },
  ready: { icon: "○", label: "Ready", className: "bg-sky-50 text-sky-800 ring-sky-300" },
  running: { icon: "↻", label: "Running", className: "bg-indigo-50 text-indigo-800 ring-indigo-300" },
  failed: { icon: "✕", label: "Failed", className: "bg-red-50 text-red-800 ring-red-300" },
  passed: { icon: "●", label: "Passed — awaiting approval", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  approved: { icon: "✓", label: "Approved", className: "bg-emerald-50 text-emerald-800 ring-emerald-300" },
};
const PASSED_BLOCKED: Look = {
  icon: "●",
  label: "Checks passed — approval waits",
  className: "bg-amber-50 text-amber-900 ring-amber-300",
};

/** `approvable`: the server would accept an approval now ("awaiting approval" is said only then). */
export function StateBadge({ state, approvable = true }: { state: StepState; approvable?: boolean }) {
  const look = state === "passed" && !approvable ? PASSED_BLOCKED : LOOK[state];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${look.className}`}
    >
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}

export function CheckMark({ ok, waivable }: { ok: boolean; waivable?: boolean }) {
  if (ok) return <span className="font-medium text-emerald-700">✓ pass</span>;
  if (waivable) return <span className="font-medium text-amber-800">! needs a reason</span>;
  return <span className="font-medium text-red-700">✕ fail</span>;
}
