import { randomBytes } from "node:crypto";
import { OwnerFacingError } from "../workflow/types";

/** The one result shape every server action returns; `toActionResult` makes it from a call. */
export type ActionResult<T = undefined> = { ok: true; message: string; data?: T } | { ok: false; error: string };

export async function toActionResult<T>(work: () => Promise<{ message: string; data?: T }>): Promise<ActionResult<T>> {
  try {
    const { message, data } = await work();
    return { ok: true, message, data };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

/** Expected errors carry an owner-facing message; unexpected ones are logged with a reference. */
export function describeError(error: unknown): string {
  if (error instanceof OwnerFacingError) return error.message;
  const reference = randomBytes(4).toString("hex");
  console.error(`[ref ${reference}]`, error);
  return `Unexpected error (reference ${reference}); the server log has the details.`;
}
