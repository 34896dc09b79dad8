"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import { APPROVAL_PHRASES } from "@/lib/review/approval-phrase";
import type { StepId } from "@/lib/workflow/steps";
import { ResultMessage } from "./result-message";

type Props = {
  step: string;
  canApprove: boolean;
  whyNot: string;
  noteRequired: boolean;
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/** The approve control. Disabled is only a hint: the server decides and says why it refuses. */
export function ApproveForm({ step, canApprove, whyNot, noteRequired, action }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  const phrase = APPROVAL_PHRASES[step as StepId];
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="step" value={step} />
      <label htmlFor="approve-note" className="block text-sm font-medium">
        Note for the audit log {noteRequired ? "(required: say why the failing check is acceptable)" : "(optional)"}
      </label>
      <textarea
        id="approve-note"
        name="note"
        rows={2}
        required={noteRequired}
        className="w-full rounded border border-stone-300 px-3 py-2 text-sm"
      />
      {phrase ? (
        <div>
          <label htmlFor="approve-confirmation" className="block text-sm font-medium">
            Type <q className="font-mono">{phrase}</q> to approve
          </label>
          <input
            id="approve-confirmation"
            name="confirmation"
            autoComplete="off"
            spellCheck={false}
            className="mt-1 w-full max-w-sm rounded border border-stone-300 px-3 py-2 font-mono text-sm"
          />
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={!canApprove || pending}
          aria-describedby="approve-hint"
          className="rounded bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-800 disabled:cursor-not-allowed disabled:bg-stone-300 disabled:text-stone-600"
        >
          {pending ? "Approving…" : "Approve this step"}
        </button>
        <span id="approve-hint" className="text-sm text-stone-600">
          {canApprove ? "Records your approval of the evidence shown above." : whyNot}
        </span>
      </div>
      <ResultMessage result={result} />
    </form>
  );
}
