"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import type { ApprovalOffer } from "@/lib/steps/approve";
import { ResultMessage, typedAfterRefusal } from "./result-message";
import { SubmitButton } from "./submit-button";

type Props = {
  step: string;
  /** what the server would say to an approval now (lib/steps/approve.ts) */
  offer: ApprovalOffer;
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/**
 * Approve, offered only when the server would accept it now; otherwise what is still missing,
 * each with a link to where it is settled. The server still decides: a page left open while
 * something changed is refused, and the answer shows here with what was typed kept.
 */
export function ApproveForm({ step, offer, action }: Props) {
  const [result, formAction] = useActionState(action, null);
  return (
    <div className="space-y-3">
      {offer.kind === "offered" ? (
        <form action={formAction} className="space-y-3">
          <input type="hidden" name="step" value={step} />
          <label htmlFor="approve-note" className="block text-sm font-medium">
            Note for the audit log{" "}
            {offer.noteRequired ? "(required: say why the failing check is acceptable)" : "(optional)"}
          </label>
          <textarea
            id="approve-note"
            name="note"
            rows={2}
            required={offer.noteRequired}
            defaultValue={typedAfterRefusal(result, "note")}
            className="w-full rounded border border-stone-300 px-3 py-2 text-sm"
          />
          {offer.phrase ? (
            <div>
              <label htmlFor="approve-confirmation" className="block text-sm font-medium">
                Type <q className="font-mono">{offer.phrase}</q> to approve
              </label>
              <input
                id="approve-confirmation"
                name="confirmation"
                autoComplete="off"
                spellCheck={false}
                defaultValue={typedAfterRefusal(result, "confirmation")}
                className="mt-1 w-full max-w-sm rounded border border-stone-300 px-3 py-2 font-mono text-sm"
              />
            </div>
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <SubmitButton tone="approve" pendingLabel="Approving…" aria-describedby="approve-hint">
              Approve this step
            </SubmitButton>
            <span id="approve-hint" className="text-sm text-stone-600">
              Records your approval of the evidence shown above.
            </span>
          </div>
        </form>
      ) : offer.kind === "blocked" ? (
        <Blocked offer={offer} />
      ) : (
        <p className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <span aria-hidden="true">✓ </span>Approved: the evidence of the checks above is what was approved. A new run
          with other evidence revokes this approval.
        </p>
      )}
      <ResultMessage result={result} />
    </div>
  );
}

function Blocked({ offer }: { offer: Extract<ApprovalOffer, { kind: "blocked" }> }) {
  return (
    <div className="rounded border border-stone-200 bg-stone-50 px-3 py-2 text-sm text-stone-800">
      <p>
        <span aria-hidden="true">⊘ </span>
        <span className="font-medium">Not approvable yet.</span> {offer.reason}
      </p>
      {offer.missing.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {offer.missing.map((check) => (
            <li key={check.name}>
              <span className="font-medium">{check.name.replace(/^Review: /, "")}</span>:{" "}
              {check.summary ?? check.detail}
              {check.href ? (
                <>
                  {" "}
                  <Link href={check.href} className="text-sky-800 underline">
                    {linkWords(check.href)}
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function linkWords(href: string): string {
  if (href.includes("/records")) return "Review them →";
  if (href.includes("#checks")) return "See the checks →";
  return "Go there →";
}
