"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import { ResultMessage } from "@/components/result-message";
import { SubmitButton } from "@/components/submit-button";

type Props = {
  canRun: boolean;
  hint: string;
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/** Starts the backup run. Disabled is only a hint: the server refuses (and says why) when it may not run. */
export function RunBackupForm({ canRun, hint, action }: Props) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="step" value="backup" />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton disabled={!canRun} pendingLabel="Starting…" aria-describedby="run-backup-hint">
          Take and verify backups
        </SubmitButton>
        <span id="run-backup-hint" className="text-sm text-stone-600">
          {hint}
        </span>
      </div>
      <ResultMessage result={result} />
    </form>
  );
}
