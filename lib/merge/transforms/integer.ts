import { isNullish, lossy, ok, preview, type Transformed } from "./types";

/**
 * Integers for INTEGER (int4) or BIGINT (int8) columns. The value is a number while it is a
 * safe integer and otherwise its exact decimal digits as a string (BIGINT beyond 2^53, as `pg`
 * returns int8), so nothing is rounded on the way.
 *
 * Lossless, no issue: numbers and numeric strings with an integral value, with surrounding
 * whitespace, a `+` sign, `12.0`, `1e3`, or thousands separators in strict groups (`1,234,567`)
 * — counts were sometimes stored as formatted text, and `1,234` cannot mean 1.234 for a count.
 * NULL, empty text, `None` → NULL. Anything else (fractions, text, out of range for the column)
 * → NULL plus `invalid_value`; rounding would invent a value.
 */
export type IntegerKind = "integer" | "bigint";

const RANGES: Record<IntegerKind, [bigint, bigint]> = {
  integer: [-(2n ** 31n), 2n ** 31n - 1n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

// module-level rather than a closure per call: this runs for every integer of every row
function invalid(input: unknown, field: string | undefined, why: string): Transformed<number | string> {
  return lossy(null, "invalid_value", input, `${why}: ${preview(input)}`, field);
}

export function toInteger(input: unknown, kind: IntegerKind = "bigint", field?: string): Transformed<number | string> {
  if (isNullish(input)) return ok(null);

  let exact: bigint | null = null;
  if (typeof input === "bigint") exact = input;
  else if (typeof input === "number") {
    if (!Number.isFinite(input) || !Number.isInteger(input)) return invalid(input, field, "not an integer");
    if (!Number.isSafeInteger(input)) return invalid(input, field, "integer beyond 2^53 already rounded by the reader");
    exact = BigInt(input);
  } else if (typeof input === "string") {
    const text = input.trim();
    const grouped = /^[+-]?\d{1,3}(,\d{3})+$/.test(text) ? text.replaceAll(",", "") : text;
    if (/^[+-]?\d+$/.test(grouped)) exact = BigInt(grouped);
    else if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(grouped)) {
      const n = Number(grouped);
      if (!Number.isInteger(n)) return invalid(input, field, "not an integer");
      if (!Number.isSafeInteger(n)) return invalid(input, field, "too large to read exactly in this form");
      exact = BigInt(n);
    } else return invalid(input, field, "not an integer");
  } else return invalid(input, field, `not an integer (${typeof input})`);

  const [min, max] = RANGES[kind];
  if (exact < min || exact > max) return invalid(input, field, `out of range for ${kind}`);
  const asNumber = Number(exact);
  return ok(Number.isSafeInteger(asNumber) ? asNumber : exact.toString());
}
