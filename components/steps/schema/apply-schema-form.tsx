"use client";

import { useActionState, useState } from "react";
import { ResultMessage } from "@/components/result-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/common/action-result";

export type ApplyOffer = { offered: true; confirmation: string; hint: string } | { offered: false; why: string };

type Props = {
  offer: ApplyOffer;
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/**
 * Apply creates and never destroys, so one confirmation in place is enough (no typed phrase).
 * Hiding the button is only a hint: the server refuses, audited, when apply is not allowed.
 */
export function ApplySchemaForm({ offer, action }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  const [confirming, setConfirming] = useState(false);

  if (!offer.offered) {
    return (
      <div className="space-y-3">
        <p className="rounded border border-stone-200 bg-stone-50 px-3 py-2 text-sm text-stone-700">
          <span aria-hidden="true">⊘ </span>
          {offer.why}
        </p>
        <ResultMessage result={result} />
      </div>
    );
  }
  return (
    <form action={formAction} onSubmit={() => setConfirming(false)} className="space-y-3">
      <input type="hidden" name="confirmed" value="yes" />
      {confirming ? (
        <div role="group" aria-label="Confirm apply" className="space-y-3 rounded border border-sky-300 bg-sky-50 p-4">
          <p className="text-sm text-sky-950">{offer.confirmation}</p>
          <div className="flex flex-wrap gap-3">
            <SubmitButton autoFocus pendingLabel="Starting…">
              Confirm apply
            </SubmitButton>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-100"
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            disabled={pending}
            onClick={() => setConfirming(true)}
            className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:cursor-not-allowed disabled:bg-stone-300 disabled:text-stone-600"
          >
            {pending ? "Starting…" : "Apply schema"}
          </button>
          <span className="text-sm text-stone-600">{offer.hint}</span>
        </div>
      )}
      <ResultMessage result={result} />
    </form>
  );
}
