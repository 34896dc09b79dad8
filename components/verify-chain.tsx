"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import { ResultMessage } from "./result-message";

export function VerifyChain({ action }: { action: () => Promise<ActionResult<{ entries: number }>> }) {
  const [result, formAction, pending] = useActionState<ActionResult<{ entries: number }> | null>(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-stone-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
      >
        {pending ? "Verifying…" : "Verify chain"}
      </button>
      <ResultMessage result={result} />
    </form>
  );
}
