"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import { ResultMessage, typedAfterRefusal } from "@/components/result-message";
import { SubmitButton } from "@/components/submit-button";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** The owner's confirmation that the NAS's switches are set; the server records dual write on or off. */
export function DualWriteForm({ mode, switches, action }: { mode: "on" | "off"; switches: string; action: Action }) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="mode" value={mode} />
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" name="confirmed" required className="mt-1 size-4 shrink-0 accent-stone-900" />
        <span>I have set the switches: {switches}</span>
      </label>
      <SubmitButton tone={mode === "on" ? "dark" : "secondary"} pendingLabel="Recording…">
        {mode === "on" ? "Confirm dual write is on" : "Confirm dual write is off"}
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}

/** One button with hidden fields (run, cancel, re-copy). Disabled is only a hint: the server decides. */
export function ButtonForm({
  fields,
  label,
  pendingLabel,
  disabled,
  tone,
  action,
}: {
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  disabled?: boolean;
  tone?: "primary" | "secondary" | "danger";
  action: Action;
}) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton disabled={disabled} tone={tone} size="sm" pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}

export function AcceptForm({ differenceId, action }: { differenceId: number; action: Action }) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="differenceId" value={differenceId} />
      <label className="block text-xs text-stone-700">
        Note (why this difference is acceptable)
        <input
          name="note"
          required
          defaultValue={typedAfterRefusal(result, "note")}
          className="mt-1 block w-full rounded border border-stone-300 px-2 py-1 text-sm"
        />
      </label>
      <SubmitButton tone="secondary" size="sm" pendingLabel="Accepting…">
        Accept with this note
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}
