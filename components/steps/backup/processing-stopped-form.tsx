"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import { ResultMessage } from "@/components/result-message";
import { SubmitButton } from "@/components/submit-button";

type Props = {
  statement: string;
  confirmed: { by: string; at: string } | null;
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/** The owner's own statement that processing is stopped: the tool cannot stop the NAS, so it asks. */
export function ProcessingStoppedForm({ statement, confirmed, action }: Props) {
  const [result, formAction] = useActionState(action, null);
  if (confirmed) {
    return (
      <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        <span aria-hidden="true">✓ </span>Confirmed by {confirmed.by} at {confirmed.at}: “{statement}.”
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" name="confirmed" required className="mt-1 size-4 shrink-0 accent-stone-900" />
        <span>{statement}.</span>
      </label>
      <SubmitButton tone="dark" pendingLabel="Recording…">
        Confirm processing is stopped
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}
