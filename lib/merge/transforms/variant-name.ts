import { lossy, ok, preview, type Transformed } from "./types";

/** The target's CHECK on content_summaries.variant. */
export const VARIANT_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * DESIGN.md: variant names are lower-case with hyphens (`bullet_points` → `bullet-points`).
 * Case, surrounding whitespace and runs of spaces, underscores or hyphens are spelling, not
 * meaning, so they change without an issue. Any other character cannot pass the target's
 * CHECK; it becomes a hyphen too, but that is reported (`key points!` → `key-points`). A name
 * that is empty after that is `invalid_value` with NULL.
 */
export function normalizeVariantName(input: unknown, field?: string): Transformed<string> {
  if (typeof input !== "string") {
    return lossy(null, "invalid_value", input, `variant name is not text: ${preview(input)}`, field);
  }
  const spelled = input
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "-");
  const value = spelled.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (value === "") return lossy(null, "invalid_value", input, `empty variant name: ${preview(input)}`, field);
  if (value !== spelled.replace(/^-+|-+$/g, "")) {
    return lossy(value, "invalid_value", input, `variant name ${preview(input)} stored as '${value}'`, field);
  }
  return ok(value);
}
