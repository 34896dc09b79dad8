import { cleanJsonValue } from "./nul";
import { isNullish, lossy, ok, preview, type Transformed } from "./types";

/**
 * JSON text → a value for a JSONB column. NULL, empty text, `None` and the JSON `null` → NULL
 * without an issue (nobody reads a JSON null differently from a missing value). Text that does
 * not parse → NULL plus `invalid_json` keeping the raw text. A parsed value with NULs in its
 * strings goes in cleaned (see nul.ts), and a number JSON.parse would round (an integer beyond
 * 2^53, more digits than a double holds) goes in rounded; both carry `invalid_value` with the
 * raw text, since JSONB itself would have kept them.
 * Values that are already parsed (objects, arrays) are taken as they are, then cleaned.
 */
export function parseJsonText(input: unknown, field?: string): Transformed<unknown> {
  if (isNullish(input)) return ok(null);
  if (typeof input !== "string") {
    if (typeof input === "object" && !(input instanceof Uint8Array)) return cleanJsonValue(input, field);
    return lossy(null, "invalid_json", input, `not JSON text (${typeof input})`, field);
  }
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch (error) {
    return lossy(null, "invalid_json", input, `invalid JSON: ${(error as Error).message}`, field);
  }
  if (value === null) return ok(null);
  const cleaned = cleanJsonValue(value, field);
  if (cleaned.issue) return { value: cleaned.value, issue: { ...cleaned.issue, original: input } };
  const rounded = roundedNumbers(input);
  if (rounded.length > 0) {
    return lossy(
      value,
      "invalid_value",
      input,
      `numbers beyond double precision rounded: ${rounded.map((n) => preview(n)).join(", ")}`,
      field,
    );
  }
  return ok(value);
}

/** Number tokens (outside strings) whose value changes when read as a JS double. */
export function roundedNumbers(jsonText: string): string[] {
  const found: string[] = [];
  const token = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  for (const m of jsonText.matchAll(token)) {
    const literal = m[0];
    if (literal.startsWith('"')) continue;
    if (normalizeDecimal(literal) !== normalizeDecimal(numberText(Number(literal)))) found.push(literal);
  }
  return found;
}

function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : "overflow";
}

/** A decimal literal as sign, significant digits and exponent, so equal values compare equal. */
function normalizeDecimal(literal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(literal);
  if (!m) return literal;
  const [, sign, whole, fraction = "", exponent = "0"] = m;
  let digits = (whole + fraction).replace(/^0+/, "");
  let exp = Number(exponent) - fraction.length;
  if (digits === "") return "0";
  const trailing = digits.length - digits.replace(/0+$/, "").length;
  digits = digits.slice(0, digits.length - trailing);
  exp += trailing;
  return `${sign}${digits}e${exp}`;
}
