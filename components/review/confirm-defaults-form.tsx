"use client";

import { useActionState } from "react";
import { ResultMessage, typedAfterRefusal } from "@/components/result-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/common/action-result";

type Props = {
  query: string;
  /** records the gate still waits for (conflicts and resurrection candidates), as the gate counts them */
  pending: number;
  /** NAS-new videos whose default (copy) is not confirmed yet: optional, the gate does not wait for them */
  optional: number;
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/** Defaults count for the gate only once the owner says so, here, for what the filters select. */
export function ConfirmDefaultsForm({ query, pending, optional, action }: Props) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form
      action={formAction}
      aria-label="Confirm defaults"
      className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 text-sm"
    >
      <input type="hidden" name="query" value={query} />
      <p>
        <span className="font-medium">Confirm defaults.</span> The merge rules chose a side for every conflict, keep
        resurrection candidates deleted and copy NAS-new videos. Those defaults count as decided only once you confirm
        them; records you decided yourself keep your decision.{" "}
        {pending > 0 ? (
          <span className="font-medium text-amber-900">
            The review gate waits for {pending} record{pending === 1 ? "" : "s"} (conflicts and resurrection candidates,
            in the whole plan).
          </span>
        ) : (
          <span className="font-medium text-emerald-800">
            ✓ Every conflict and resurrection candidate has a decision.
          </span>
        )}
        {optional > 0 ? (
          <span className="text-stone-700">
            {" "}
            {optional} NAS-new video{optional === 1 ? "" : "s"} will be copied by default; confirming{" "}
            {optional === 1 ? "it" : "them"} is optional.
          </span>
        ) : null}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="confirm-note" className="sr-only">
          Note for the audit log (optional)
        </label>
        <input
          id="confirm-note"
          name="note"
          defaultValue={typedAfterRefusal(result, "note")}
          placeholder="Note for the audit log (optional)"
          className="w-72 rounded border border-stone-300 px-2 py-1.5"
        />
        <SubmitButton tone="approve" size="sm" pendingLabel="Confirming…">
          {query ? "Confirm the defaults of the filtered records" : "Confirm all defaults"}
        </SubmitButton>
      </div>
      <ResultMessage result={result} />
    </form>
  );
}
