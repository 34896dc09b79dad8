import Link from "next/link";
import type { CopyFreshness } from "@/lib/review/copy-freshness";
import type { ReviewGateCheck } from "@/lib/review/review-gate";
import type { OwnerStepStatus } from "@/lib/steps/owner-status";

/**
 * The review gate as the server will judge it at approval, and whether PostgreSQL is behind
 * the decisions. "Ready to approve" only when the server would accept an approval now: a met
 * gate says what else the step waits for.
 */
export function GatePanel({
  checks,
  freshness,
  status,
}: {
  checks: ReviewGateCheck[];
  freshness: CopyFreshness;
  status: OwnerStepStatus;
}) {
  const open = checks.filter((c) => !c.ok).length;
  const heading =
    open > 0
      ? `${open} of ${checks.length} conditions open`
      : status.offer.kind === "offered"
        ? "✓ ready to approve"
        : status.state === "approved"
          ? "✓ met, and step 3 is approved"
          : "✓ every condition met";
  return (
    <section aria-labelledby="gate-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="gate-heading" className="font-semibold">
        Review gate: {heading}
      </h2>
      {freshness.state === "stale" ? <StaleBanner runId={freshness.runId} /> : null}
      <ul className="mt-2 space-y-1 text-sm">
        {checks.map((check) => (
          <li key={check.name} className="flex flex-wrap items-baseline gap-x-2">
            {check.ok ? (
              <span className="font-medium text-emerald-800">✓ met</span>
            ) : (
              <span className="font-medium text-red-800">○ open</span>
            )}
            <span className="font-medium">{check.name.replace(/^Review: /, "")}</span>
            <span className="text-stone-600">— {check.summary ?? check.detail}</span>
            {!check.ok && check.href ? (
              <Link href={check.href} className="text-sky-800 underline">
                {check.href.includes("/records") ? "show them" : "go there"}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm text-stone-600">
        {open === 0 && status.offer.kind !== "offered" && status.state !== "approved" ? `${status.reason} ` : ""}
        {status.state === "approved" ? (
          "Changing a decision now revokes the approval."
        ) : (
          <>
            When every condition holds, approve on the{" "}
            <Link href="/steps/copy#approve-heading" className="text-sky-800 underline">
              Copy &amp; diff step page
            </Link>{" "}
            by typing the confirmation phrase.
          </>
        )}
      </p>
    </section>
  );
}

export function StaleBanner({ runId }: { runId: number }) {
  return (
    <p role="status" className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <span aria-hidden="true">⚠</span> A decision changed after copy run #{runId}: PostgreSQL does not hold it yet.{" "}
      <Link href="/steps/copy" className="font-medium underline">
        Run Copy and verify again
      </Link>{" "}
      (or <code className="font-mono">npx cutover copy</code>) to apply it.
    </p>
  );
}
