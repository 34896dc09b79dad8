"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import { ResultMessage } from "./result-message";
import { SubmitButton } from "./submit-button";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

export function VerifyChain({ action }: { action: Action }) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <SubmitButton tone="dark" size="sm" pendingLabel="Verifying…">
        Verify chain
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}
