import { parseTimestamp } from "@/lib/merge/transforms/timestamp";
import { jsonEqual } from "./json-diff";

/**
 * Whether two values of one field are "the same" as the target would hold them, to decide the
 * "differs" highlight of the record detail. Text is exact (a trailing space is a real
 * difference in the target); JSON semantically; timestamps as instants (`2024-01-02 03:04:05`
 * and `2024-01-02T03:04:05Z` are one time); numbers numerically; booleans as SQLite writes them
 * (0/1, 'true'). NULL equals only NULL: an empty text is a value the target keeps.
 *
 * The kinds include lib/merge's field kinds, so a page can pass a field spec's kind as it is.
 */
export type CompareKind =
  "auto" | "text" | "language" | "json" | "topics" | "timestamp" | "number" | "integer" | "bigint" | "boolean";

export function valuesEqual(left: unknown, right: unknown, kind: CompareKind = "auto"): boolean {
  if (isMissing(left) || isMissing(right)) return isMissing(left) && isMissing(right);
  switch (kind === "auto" ? guessKind(left, right) : kind) {
    case "json":
    case "topics":
      return jsonValuesEqual(left, right);
    case "timestamp":
      return timestampsEqual(left, right);
    case "number":
    case "integer":
    case "bigint":
      return numbersEqual(left, right);
    case "boolean":
      return booleansEqual(left, right);
    default:
      return textOf(left) === textOf(right);
  }
}

/** True when any two of the present sides disagree; a missing side differs from a present one. */
export function sidesDiffer(values: readonly unknown[], kind: CompareKind = "auto"): boolean {
  return values.some((value, i) => i > 0 && !valuesEqual(values[0], value, kind));
}

/** A field's kind from its column name, for callers without a field spec. */
export function kindForField(field: string): CompareKind {
  if (/_json$/.test(field) || ["analysis", "key_topics", "named_entities", "raw_payload", "metadata"].includes(field)) {
    return "json";
  }
  if (/_at$/.test(field)) return "timestamp";
  if (/^(has_|is_)/.test(field)) return "boolean";
  if (/(_count|_seconds|_chars|_size|^revision)$/.test(field)) return "number";
  return "text";
}

export function isMissing(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** JSON text parsed (objects and arrays pass as they are); `ok: false` for text that is not JSON. */
export function parseJsonValue(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== "string") return typeof value === "object" ? { ok: true, value } : { ok: false };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

/**
 * The text a cell shows: strings as they are, objects/arrays and JSON text pretty-printed,
 * other scalars as written. JSON text that does not parse is shown raw.
 */
export function displayValue(value: unknown, kind: CompareKind = "auto"): string {
  if (isMissing(value)) return "";
  if (typeof value === "string") {
    const wantsJson = kind === "json" || kind === "topics" || (kind === "auto" && /^\s*[[{]/.test(value));
    const parsed = wantsJson ? parseJsonValue(value) : { ok: false as const };
    return parsed.ok && parsed.value !== null && typeof parsed.value === "object" ? pretty(parsed.value) : value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (typeof value === "object") return pretty(value);
  return String(value);
}

export type ValueSummary = { preview: string; folded: boolean; length: number; text: string };

/**
 * Folds a long value: `preview` is at most `maxChars` characters (cut at a word boundary when
 * one is near, never inside a surrogate pair) followed by "…", `length` counts characters
 * as the owner sees them (code points), `text` is the whole display text.
 */
export function summarizeValue(value: unknown, maxChars = 280, kind: CompareKind = "auto"): ValueSummary {
  const text = displayValue(value, kind);
  const chars = Array.from(text);
  if (chars.length <= maxChars) return { preview: text, folded: false, length: chars.length, text };
  let cut = chars.slice(0, maxChars).join("");
  const space = cut.search(/\s\S*$/);
  if (space >= maxChars * 0.6) cut = cut.slice(0, space);
  return { preview: `${cut.trimEnd()}…`, folded: true, length: chars.length, text };
}

function pretty(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? item.toString() : item), 2) ?? "";
  } catch {
    return String(value);
  }
}

function guessKind(left: unknown, right: unknown): CompareKind {
  const values = [left, right];
  if (values.every((v) => typeof v === "number" || typeof v === "bigint")) return "number";
  if (values.every((v) => typeof v === "boolean")) return "boolean";
  if (values.some((v) => v instanceof Date)) return "timestamp";
  if (values.some((v) => typeof v === "object")) return "json";
  return "text";
}

function textOf(value: unknown): string {
  return typeof value === "string" ? value : displayValue(value);
}

function jsonValuesEqual(left: unknown, right: unknown): boolean {
  const a = parseJsonValue(left);
  const b = parseJsonValue(right);
  // unreadable JSON is kept as raw text by the target's quarantine, so compare it as text
  if (!a.ok || !b.ok) return textOf(left) === textOf(right);
  return jsonEqual(a.value, b.value);
}

function timestampsEqual(left: unknown, right: unknown): boolean {
  const a = parseTimestamp(left).value;
  const b = parseTimestamp(right).value;
  if (a === null || b === null) return textOf(left) === textOf(right);
  return a === b;
}

function numbersEqual(left: unknown, right: unknown): boolean {
  const a = toNumberText(left);
  const b = toNumberText(right);
  return a !== null && b !== null ? a === b : textOf(left) === textOf(right);
}

// canonical decimal text, so BIGINT values beyond 2^53 compare exactly
function toNumberText(value: unknown): string | null {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? canonicalDecimal(String(value)) : null;
  if (typeof value === "string" && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) {
    const trimmed = value.trim();
    return /^[+-]?\d+$/.test(trimmed) ? BigInt(trimmed).toString() : canonicalDecimal(String(Number(trimmed)));
  }
  return null;
}

function canonicalDecimal(text: string): string {
  return /^-?\d+$/.test(text) ? BigInt(text).toString() : text;
}

function booleansEqual(left: unknown, right: unknown): boolean {
  const a = toBoolean(left);
  const b = toBoolean(right);
  return a !== null && b !== null ? a === b : textOf(left) === textOf(right);
}

function toBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "number" || typeof value === "bigint") {
    return Number(value) === 1 ? true : Number(value) === 0 ? false : null;
  }
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (["1", "true", "t", "yes"].includes(text)) return true;
    if (["0", "false", "f", "no"].includes(text)) return false;
  }
  return null;
}
