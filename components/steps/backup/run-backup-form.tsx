"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import { ResultMessage } from "@/components/result-message";

type Props = {
  canRun: boolean;
  hint: string;
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/** Starts the backup run. Disabled is only a hint: the server refuses (and says why) when it may not run. */
export function RunBackupForm({ canRun, hint, action }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="step" value="backup" />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={!canRun || pending}
          aria-describedby="run-backup-hint"
          className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:cursor-not-allowed disabled:bg-stone-300 disabled:text-stone-600"
        >
          {pending ? "Starting…" : "Take and verify backups"}
        </button>
        <span id="run-backup-hint" className="text-sm text-stone-600">
          {hint}
        </span>
      </div>
      <ResultMessage result={result} />
    </form>
  );
}
