"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import { ResultMessage } from "@/components/result-message";

type Props = { action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult> };

/** Stops the running backup (a download too); what it had written is removed and the backup marked failed. */
export function CancelBackupForm({ action }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="step" value="backup" />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:cursor-not-allowed disabled:bg-stone-300 disabled:text-stone-600"
      >
        {pending ? "Cancelling…" : "Cancel backup"}
      </button>
      <ResultMessage result={result} />
    </form>
  );
}
