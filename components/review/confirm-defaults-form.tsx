"use client";

import { useActionState } from "react";
import { ResultMessage } from "@/components/result-message";
import type { ActionResult } from "@/lib/common/action-result";

type Props = {
  query: string;
  undecided: number;
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/** Defaults count for the gate only once the owner says so, here, for what the filters select. */
export function ConfirmDefaultsForm({ query, undecided, action }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      aria-label="Confirm defaults"
      className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 text-sm"
    >
      <input type="hidden" name="query" value={query} />
      <p>
        <span className="font-medium">Confirm defaults.</span> The merge rules chose a side for every conflict, kept
        resurrection candidates deleted and copies NAS-new videos. Those defaults count as decided only once you confirm
        them; records you decided yourself keep your decision.{" "}
        {undecided > 0 ? (
          <span className="font-medium text-amber-900">
            {undecided} record{undecided === 1 ? "" : "s"} in the whole plan (conflicts, resurrection candidates and
            NAS-new videos) still need{undecided === 1 ? "s" : ""} one.
          </span>
        ) : (
          <span className="font-medium text-emerald-800">✓ Every record has a decision.</span>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="confirm-note" className="sr-only">
          Note for the audit log (optional)
        </label>
        <input
          id="confirm-note"
          name="note"
          placeholder="Note for the audit log (optional)"
          className="w-72 rounded border border-stone-300 px-2 py-1.5"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-emerald-700 px-3 py-1.5 font-medium text-white hover:bg-emerald-800 disabled:bg-stone-300"
        >
          {pending ? "Confirming…" : query ? "Confirm the defaults of the filtered records" : "Confirm all defaults"}
        </button>
      </div>
      <ResultMessage result={result} />
    </form>
  );
}
