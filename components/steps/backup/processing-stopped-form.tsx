"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import { ResultMessage } from "@/components/result-message";

type Props = {
  statement: string;
  confirmed: { by: string; at: string } | null;
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/** The owner's own statement that processing is stopped: the tool cannot stop the NAS, so it asks. */
export function ProcessingStoppedForm({ statement, confirmed, action }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
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
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:opacity-60"
      >
        {pending ? "Recording…" : "Confirm processing is stopped"}
      </button>
      <ResultMessage result={result} />
    </form>
  );
}
