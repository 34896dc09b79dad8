"use client";

import { useActionState } from "react";
import { ResultMessage } from "@/components/result-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/common/action-result";

type Props = {
  label: string;
  pendingLabel: string;
  /** only a hint: the server refuses, audited, when the action is not allowed */
  disabled?: boolean;
  hint?: string;
  tone?: "primary" | "secondary" | "danger";
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/** One button that runs one of step 3's actions and says what came of it. */
export function StepActionForm({ label, pendingLabel, disabled, hint, tone = "primary", action }: Props) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="step" value="copy" />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton tone={tone} disabled={disabled} pendingLabel={pendingLabel}>
          {label}
        </SubmitButton>
        {hint ? <span className="text-sm text-stone-600">{hint}</span> : null}
      </div>
      <ResultMessage result={result} />
    </form>
  );
}
