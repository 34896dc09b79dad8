import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { AppContext } from "@/lib/app-context";
import { type ActionResult, type FormFields, toActionResult } from "@/lib/common/action-result";
import { OwnerFacingError } from "@/lib/workflow/types";
import { requireOwnerAction } from "./owner";

/** Who the panel's actions write into the audit log. */
export const PANEL_ACTOR = "owner (panel)";

export type FormAction<T = undefined> = (
  previous: ActionResult<T> | null,
  formData: FormData,
) => Promise<ActionResult<T>>;
export type OwnerWork<I, T> = (
  input: I,
  owner: { ctx: AppContext; actor: string },
) => Promise<{ message: string; data?: T }>;

/**
 * Every server action of the panel goes through here, so its body is only its work: the
 * session is checked inside the action (not only by the proxy), the form's fields are parsed
 * with `schema`, the outcome takes the one result shape, and the pages are revalidated — also
 * after a refusal, since a refusal often means the page was out of date. The submitted text
 * comes back in `fields`.
 */
export function ownerAction<S extends z.ZodType, T = undefined>(
  schema: S,
  work: OwnerWork<z.output<S>, T>,
): FormAction<T> {
  return async (_previous, formData) => {
    const fields = submittedFields(formData);
    const result = await toActionResult<T>(async () => {
      const ctx = await requireOwnerAction();
      const parsed = schema.safeParse(schemaInput(fields));
      if (!parsed.success) throw new OwnerFacingError(parsed.error.issues[0]?.message ?? "Invalid request.", "invalid");
      return work(parsed.data, { ctx, actor: PANEL_ACTOR });
    });
    revalidatePath("/", "layout");
    return { ...result, fields };
  };
}

/** The form's text fields as submitted; React's own `$ACTION_…` entries are not the owner's. */
function submittedFields(formData: FormData | undefined): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of formData?.entries() ?? []) {
    if (typeof value === "string" && !name.startsWith("$ACTION")) fields[name] = value;
  }
  return fields;
}

/** What the schema parses: trimmed text, an empty field as absent (so `.optional()` means "left empty"). */
function schemaInput(fields: FormFields): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, value.trim() === "" ? undefined : value.trim()]),
  );
}
