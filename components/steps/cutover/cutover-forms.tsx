"use client";

import { useActionState } from "react";
import { ResultMessage, typedAfterRefusal } from "@/components/result-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/common/action-result";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** One button for one of step 5's actions; the server decides and says why it refuses. */
export function StepFiveButton(props: {
  action: Action;
  label: string;
  pendingLabel: string;
  hint?: string;
  tone?: "primary" | "secondary" | "danger";
}) {
  const [result, formAction] = useActionState(props.action, null);
  return (
    <form action={formAction} className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton tone={props.tone ?? "secondary"} size="sm" pendingLabel={props.pendingLabel}>
          {props.label}
        </SubmitButton>
        {props.hint ? <span className="text-sm text-stone-600">{props.hint}</span> : null}
      </div>
      <ResultMessage result={result} />
    </form>
  );
}

/** A typed confirmation: the owner types the phrase; the server compares it (a refusal keeps what was typed). */
export function PhraseForm(props: {
  action: Action;
  id: string;
  phrase: string;
  label: string;
  pendingLabel: string;
  tone?: "primary" | "danger";
}) {
  const [result, formAction] = useActionState(props.action, null);
  return (
    <form action={formAction} className="space-y-2">
      <label htmlFor={props.id} className="block text-sm">
        Type <strong>{props.phrase}</strong> to confirm:
      </label>
      <input
        id={props.id}
        name="confirmation"
        autoComplete="off"
        defaultValue={typedAfterRefusal(result, "confirmation")}
        className="w-72 rounded border border-stone-300 px-2 py-1 text-sm"
      />
      <SubmitButton tone={props.tone ?? "primary"} size="sm" pendingLabel={props.pendingLabel}>
        {props.label}
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}

/** Acknowledges one scan finding with the owner's note. */
export function AcknowledgeFindingForm({ action, finding }: { action: Action; finding: string }) {
  const [result, formAction] = useActionState(action, null);
  const noteId = `scan-note-${finding.slice(0, 12)}`;
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="finding" value={finding} />
      <label htmlFor={noteId} className="block text-xs font-medium">
        Acknowledge: why is this safe?
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
        Acknowledge
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}

/** The scan of the configured code folders, or of folders typed here (one per line). */
export function ScanForm({ action }: { action: Action }) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <label htmlFor="scan-dirs" className="block text-sm">
        Folders to scan, one per line (empty: NAS_CODE_DIR and DASHBOARD_CODE_DIR)
      </label>
      <textarea
        id="scan-dirs"
        name="dirs"
        rows={2}
        defaultValue={typedAfterRefusal(result, "dirs")}
        className="w-full rounded border border-stone-300 px-2 py-1 font-mono text-xs"
      />
      <SubmitButton tone="secondary" size="sm" pendingLabel="Scanning…">
        Scan for sync code
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}
