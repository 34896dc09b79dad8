import { isNullish, lossy, makeIssue, preview, type TransformIssue } from "./types";

/**
 * For the BOOLEAN NOT NULL DEFAULT false columns (has_audio, has_transcript, is_latest), so the
 * value is never NULL. Accepted without an issue, trimmed and in any case: the spellings
 * PostgreSQL's own boolean input accepts (true/false, t/f, yes/no, y/n, on/off, 1/0) and the
 * numbers 0 and 1 — they say the same thing.
 *
 * NULL (or a column missing in an older source) → false without an issue: the column's
 * default is false and the legacy programs read NULL as falsy, so no reader ever saw a
 * difference; quarantining every NULL flag of an older schema would bury the real problems.
 * Other numbers → their truthiness (SQLite and Python read 2 as true) plus `invalid_value`;
 * any other value → false plus `invalid_value`.
 */
export type TransformedBoolean = { value: boolean; issue?: TransformIssue };

const TRUE_WORDS = new Set(["true", "t", "yes", "y", "on", "1"]);
const FALSE_WORDS = new Set(["false", "f", "no", "n", "off", "0"]);

export function toBoolean(input: unknown, field?: string): TransformedBoolean {
  if (typeof input === "boolean") return { value: input };
  if (isNullish(input)) return { value: false };
  if (typeof input === "bigint") return fromNumber(Number(input), input, field);
  if (typeof input === "number") return fromNumber(input, input, field);
  if (typeof input === "string") {
    const word = input.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return { value: true };
    if (FALSE_WORDS.has(word)) return { value: false };
    if (/^[+-]?\d+(\.\d+)?$/.test(word)) return fromNumber(Number(word), input, field);
  }
  const result = lossy(false, "invalid_value", input, `not a boolean, stored false: ${preview(input)}`, field);
  return { value: false, issue: result.issue };
}

function fromNumber(n: number, original: unknown, field?: string): TransformedBoolean {
  if (n === 0 || n === 1) return { value: n === 1 };
  if (Number.isNaN(n)) {
    return { value: false, issue: makeIssue("invalid_value", original, "not a boolean, stored false: NaN", field) };
  }
  const value = n !== 0;
  return {
    value,
    issue: makeIssue("invalid_value", original, `${preview(original)} is not 0 or 1, stored ${value}`, field),
  };
}
