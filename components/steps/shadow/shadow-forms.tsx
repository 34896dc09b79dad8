"use client";

import { useActionState } from "react";
import { ResultMessage, typedAfterRefusal } from "@/components/result-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/common/action-result";
import { countOf } from "@/lib/common/plural";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** Runs the shadow read; it reads only (the Dashboard file and PostgreSQL) and stores its findings. */
export function RunShadowForm({ action, disabled }: { action: Action; disabled: boolean }) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="step" value="parity" />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton disabled={disabled} pendingLabel="Reading both eras…">
          Run the shadow read
        </SubmitButton>
        <span className="text-sm text-stone-600">
          Reads the live Dashboard file and PostgreSQL; writes only this panel&apos;s records.
        </span>
      </div>
      <ResultMessage result={result} />
    </form>
  );
}

/** Acknowledges every open finding of one kind with a note; a refusal keeps the note as typed. */
export function AcknowledgeKindForm({ action, kind, open }: { action: Action; kind: string; open: number }) {
  const [result, formAction] = useActionState(action, null);
  const noteId = `shadow-note-${kind}`;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="target" value={kind} />
      <label htmlFor={noteId} className="block text-sm font-medium">
        Acknowledge the {countOf(open, `open ${kind} finding`)}: why is this acceptable?
      </label>
      <textarea
        id={noteId}
        name="note"
        required
        rows={2}
        defaultValue={typedAfterRefusal(result, "note")}
        className="w-full rounded border border-stone-300 px-2 py-1 text-sm"
      />
      <SubmitButton tone="secondary" size="sm" pendingLabel="Acknowledging…">
        Acknowledge {kind}
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}
