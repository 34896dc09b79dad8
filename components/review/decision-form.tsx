"use client";

import { useActionState } from "react";
import { ResultMessage, typedAfterRefusal } from "@/components/result-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/common/action-result";

export type DecisionOption = { choice: string; label: string; current: boolean; isDefault: boolean };
type Action = (
  previous: ActionResult<{ revoked: string[] }> | null,
  formData: FormData,
) => Promise<ActionResult<{ revoked: string[] }>>;

const CHOICE_LOOK = {
  current: "bg-stone-800 text-white ring-stone-800",
  other: "bg-white text-stone-800 ring-stone-300 hover:bg-stone-50",
};

/**
 * One decision (a field's side, or a record's action): a button per choice, the current one
 * pressed and marked in words, and an optional note for the audit log.
 */
export function DecisionForm({
  videoId,
  field,
  legend,
  options,
  action,
}: {
  videoId: string;
  field: string;
  legend: string;
  options: DecisionOption[];
  action: Action;
}) {
  const [result, formAction] = useActionState(action, null);
  const noteId = `note-${field === "*" ? "record" : field}`;
  return (
    <form action={formAction} className="space-y-2">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{legend}</legend>
        <input type="hidden" name="videoId" value={videoId} />
        <input type="hidden" name="field" value={field} />
        <div className="flex flex-wrap items-center gap-2">
          {options.map((option) => (
            <SubmitButton
              key={option.choice}
              name="choice"
              value={option.choice}
              pendingLabel="Storing…"
              aria-pressed={option.current}
              className={`rounded px-3 py-1.5 text-sm font-medium ring-1 ring-inset focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:outline-none disabled:opacity-60 ${option.current ? CHOICE_LOOK.current : CHOICE_LOOK.other}`}
            >
              {option.current ? "✓ " : ""}
              {option.label}
              {option.isDefault ? " (default)" : ""}
            </SubmitButton>
          ))}
          <label htmlFor={noteId} className="sr-only">
            Note for the audit log (optional)
          </label>
          <input
            id={noteId}
            name="note"
            defaultValue={typedAfterRefusal(result, "note")}
            placeholder="Note (optional)"
            className="w-56 rounded border border-stone-300 px-2 py-1.5 text-sm"
          />
        </div>
      </fieldset>
      <ResultMessage result={result} />
    </form>
  );
}
