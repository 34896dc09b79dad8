"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/common/action-result";
import { ResultMessage, typedAfterRefusal } from "@/components/result-message";
import { SubmitButton } from "@/components/submit-button";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** The typed confirmation before the local originals leave their folders (moved, never deleted). */
export function MoveAsideForm({ phrase, action }: { phrase: string; action: Action }) {
  const [result, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <label className="block text-sm text-stone-800">
        Type <q className="font-medium">{phrase}</q> to move the local originals into their archive folders
        <input
          name="confirmation"
          autoComplete="off"
          defaultValue={typedAfterRefusal(result, "confirmation")}
          className="mt-1 block w-full max-w-md rounded border border-stone-300 px-2 py-1 text-sm"
        />
      </label>
      <SubmitButton tone="danger" pendingLabel="Moving…">
        Move the originals aside
      </SubmitButton>
      <ResultMessage result={result} />
    </form>
  );
}
