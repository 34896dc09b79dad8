"use client";

import { useActionState } from "react";
import { ResultMessage } from "@/components/result-message";
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

const TONE = {
  primary: "bg-sky-800 text-white hover:bg-sky-900",
  secondary: "border border-stone-300 bg-white text-stone-900 hover:bg-stone-100",
  danger: "border border-red-300 bg-white text-red-800 hover:bg-red-50",
};

/** One button that runs one of step 3's actions and says what came of it. */
export function StepActionForm({ label, pendingLabel, disabled, hint, tone = "primary", action }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="step" value="copy" />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={disabled || pending}
          className={`rounded px-4 py-2 text-sm font-medium disabled:cursor-not-allowed disabled:border-stone-300 disabled:bg-stone-300 disabled:text-stone-600 ${TONE[tone]}`}
        >
          {pending ? pendingLabel : label}
        </button>
        {hint ? <span className="text-sm text-stone-600">{hint}</span> : null}
      </div>
      <ResultMessage result={result} />
    </form>
  );
}
