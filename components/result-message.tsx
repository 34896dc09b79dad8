import type { ActionResult } from "@/lib/common/action-result";

/** Turns an action's result into the one message the owner sees. */
export function ResultMessage({ result }: { result: ActionResult<unknown> | null }) {
  if (!result) return null;
  return result.ok ? (
    <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      ✓ {result.message}
    </p>
  ) : (
    <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      ✕ {result.error}
    </p>
  );
}

/** What a form shows again after a refusal: the field as the owner typed it; nothing after a success. */
export function typedAfterRefusal(result: ActionResult<unknown> | null, field: string): string | undefined {
  return result && !result.ok ? result.fields?.[field] : undefined;
}
