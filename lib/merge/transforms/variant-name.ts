import { lossy, ok, preview, type Transformed } from "./types";

/**
 * The spelling the copy writes: lower-case words joined by hyphens, with `:` between a variant
 * and its qualifier as the NAS writes them later (`audio-fr:intermediate`). The target itself
 * takes any text (YTV2-CONTRACT.md §1); this keeps the migrated names in the programs' form.
 */
export const VARIANT_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*(:[a-z0-9]+(-[a-z0-9]+)*)*$/;

/**
 * DESIGN.md: variant names are lower-case with hyphens (`bullet_points` → `bullet-points`).
 * Case, surrounding whitespace and runs of spaces, underscores or hyphens are spelling, not
 * meaning, so they change without an issue; so does space around a `:`. Any other character
 * becomes a hyphen too, but that is reported (`key points!` → `key-points`). A name that is
 * empty after that is `invalid_value` with NULL.
 */
export function normalizeVariantName(input: unknown, field?: string): Transformed<string> {
  if (typeof input !== "string") {
    return lossy(null, "invalid_value", input, `variant name is not text: ${preview(input)}`, field);
  }
  const parts = input.split(":").map((part) => {
    const spelled = part
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, "-")
      .replace(/^-+|-+$/g, "");
    const value = spelled.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return { spelled, value };
  });
  const named = parts.filter((p) => p.value !== "");
  const value = named.map((p) => p.value).join(":");
  if (value === "") return lossy(null, "invalid_value", input, `empty variant name: ${preview(input)}`, field);
  if (named.length !== parts.length || named.some((p) => p.value !== p.spelled)) {
    return lossy(value, "invalid_value", input, `variant name ${preview(input)} stored as '${value}'`, field);
  }
  return ok(value);
}
