import type { Finding } from "@/lib/steps/backup-summary";

/** A result as icon + word + colour, so nothing rests on colour alone. */
export function FindingText({ finding }: { finding: Finding }) {
  const look = finding.ok
    ? { icon: "✓ ", word: "Passed: ", className: "text-emerald-800" }
    : finding.waivable
      ? { icon: "! ", word: "Needs a reason: ", className: "text-amber-800" }
      : { icon: "✕ ", word: "Failed: ", className: "text-red-800" };
  return (
    <span className={look.className}>
      <span aria-hidden="true">{look.icon}</span>
      <span className="sr-only">{look.word}</span>
      {finding.text}
    </span>
  );
}

export function VerdictBadge({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${
        ok ? "bg-emerald-50 text-emerald-800 ring-emerald-300" : "bg-red-50 text-red-800 ring-red-300"
      }`}
    >
      <span aria-hidden="true">{ok ? "✓" : "✕"}</span>
      {ok ? yes : no}
    </span>
  );
}
