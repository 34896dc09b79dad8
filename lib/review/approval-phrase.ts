import type { StepId } from "@/lib/workflow/steps";

/**
 * Steps whose approval the owner must type out. Shared by the approve form (client) and the
 * server, which alone decides: a missing or wrong phrase is refused like any failed gate.
 */
export const APPROVAL_PHRASES: Partial<Record<StepId, string>> = { copy: "copy is complete" };

export const PHRASE_CHECK = "Typed confirmation";

export function phraseMatches(expected: string, typed: string | undefined): boolean {
  return (typed ?? "").trim().replace(/\s+/g, " ").toLowerCase() === expected;
}

export function phraseCheck(stepId: StepId, typed: string | undefined) {
  const expected = APPROVAL_PHRASES[stepId];
  if (!expected) return null;
  const ok = phraseMatches(expected, typed);
  return {
    name: PHRASE_CHECK,
    ok,
    detail: ok
      ? `typed "${expected}"`
      : `type "${expected}" to approve this step${typed?.trim() ? ` (got "${typed.trim()}")` : ""}`,
  };
}
