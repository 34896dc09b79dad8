import { randomBytes } from "node:crypto";
import { OwnerFacingError } from "../workflow/types";

/**
 * The one result shape every server action returns; `toActionResult` makes it from a call.
 * `fields` are the text fields the owner submitted: React 19 resets a form once its action
 * resolves, so a form renders them back as default values and a refusal loses nothing typed.
 */
export type FormFields = Record<string, string>;
export type ActionResult<T = undefined> =
  { ok: true; message: string; data?: T; fields?: FormFields } | { ok: false; error: string; fields?: FormFields };

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
