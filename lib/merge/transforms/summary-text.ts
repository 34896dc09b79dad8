import { cleanJsonValue, cleanText } from "./nul";
import { parsePythonLiteral } from "./python-literal";
import { makeIssue, preview, type TransformIssue } from "./types";
import { normalizeVariantName } from "./variant-name";

/**
 * Reads a legacy summary value (`content.summary`, `content_summaries.summary_text`,
 * `summary_variants.content`) in any of its forms: plain text, text with literal `\n` escapes,
 * a JSON object as a string, a Python-literal dict as a string, a JSON string literal.
 *
 * - A dict's text is the first non-empty of TEXT_KEYS (DESIGN.md's order). Keys match after
 *   variant-name normalization (`Bullet-Points` finds `bullet_points`). A value may be text, a
 *   list of bullets (one `- item` line each, an item already starting with `- `, `• ` or `* `
 *   kept as it is), or a nested dict read the same way.
 * - `variants` lists every TEXT_KEYS entry with text, so `{"comprehensive": …, "bullet_points": …}`
 *   can become one summary per variant; `parsed` is the dict for `raw_json`.
 * - Literal escapes `\r\n`, `\n`, `\r`, `\t` (backslash + letter) become the characters: DESIGN.md
 *   makes this the rule, so it carries no issue. Outer whitespace is trimmed.
 * - Text that looks like a dict (`{…}`) but parses as neither JSON nor Python is kept whole as
 *   plain text, with an `invalid_json` issue so the owner sees it; a dict without any text key
 *   gives text NULL and `invalid_value`; NULs are removed with `invalid_value` (see nul.ts).
 */
export const TEXT_KEYS = ["comprehensive", "bullet_points", "key_points", "summary", "text"] as const;

export type SummaryFormat = "empty" | "plain" | "json" | "python";

export type SummaryVariantText = { key: string; variant: string; text: string };

export type SummaryExtraction = {
  text: string | null;
  /** the dict key the text came from, e.g. "comprehensive"; null for plain text */
  sourceKey: string | null;
  format: SummaryFormat;
  /**
   * the dict, cleaned for JSONB; undefined unless the value was a dict. It may hold a bigint from
   * a Python literal, so serialize it with canonicalJson, not JSON.stringify.
   */
  parsed?: Record<string, unknown>;
  variants: SummaryVariantText[];
  issues: TransformIssue[];
};

const MAX_NESTING = 8;

export function extractSummaryText(input: unknown, field?: string): SummaryExtraction {
  const issues: TransformIssue[] = [];
  const empty: SummaryExtraction = { text: null, sourceKey: null, format: "empty", variants: [], issues };
  if (input === null || input === undefined) return empty;

  let dict: Record<string, unknown> | undefined;
  let format: SummaryFormat = "plain";
  let plain: string | undefined;

  if (isDict(input)) {
    dict = input;
    format = "json";
  } else if (typeof input === "string") {
    const trimmed = input.trim();
    if (trimmed === "") return empty;
    const structured = parseStructured(trimmed);
    if (structured && isDict(structured.value)) {
      dict = structured.value;
      format = structured.format;
    } else if (structured && typeof structured.value === "string") {
      // a JSON-encoded string may itself hold any of the forms (a dict encoded twice)
      const inner = extractSummaryText(structured.value, field);
      const innerIssues = inner.issues.map((issue) => ({ ...issue, original: input }));
      return { ...inner, format: inner.format === "plain" ? "json" : inner.format, issues: innerIssues };
    } else if (structured && isStringList(structured.value) && structured.value.length > 0) {
      plain = textOf(structured.value, 0) ?? "";
      format = structured.format;
    } else {
      plain = input;
      if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
        issues.push(
          makeIssue("invalid_json", input, "looks like a dict but does not parse; kept as plain text", field),
        );
      }
    }
  } else {
    issues.push(makeIssue("invalid_value", input, `summary is not text: ${preview(input)}`, field));
    return { ...empty, issues };
  }

  if (plain !== undefined) {
    const text = finish(plain, input, issues, field);
    return { text, sourceKey: null, format: text === null ? "empty" : format, variants: [], issues };
  }

  const cleaned = cleanJsonValue(dict, field);
  if (cleaned.issue) issues.push({ ...cleaned.issue, original: input });
  const parsed = cleaned.value as Record<string, unknown>;
  const variants = variantsOf(parsed, 0);
  if (variants.length === 0) {
    issues.push(makeIssue("invalid_value", input, `dict has none of ${TEXT_KEYS.join(", ")} with text`, field));
    return { text: null, sourceKey: null, format, parsed, variants, issues };
  }
  return { text: variants[0].text, sourceKey: variants[0].key, format, parsed, variants, issues };
}

/** Literal backslash escapes → characters. */
export function unescapeLiteralNewlines(text: string): string {
  // most summaries hold no backslash at all; a scan for one is far cheaper than the regex pass
  if (text.indexOf("\\") === -1) return text;
  return text.replace(/\\r\\n|\\[nrt]/g, (escape) => (escape === "\\t" ? "\t" : "\n"));
}

function finish(text: string, original: unknown, issues: TransformIssue[], field?: string): string | null {
  const cleaned = cleanText(text, field);
  if (cleaned.issue) issues.push({ ...cleaned.issue, original });
  const value = unescapeLiteralNewlines(cleaned.value ?? "").trim();
  return value === "" ? null : value;
}

function parseStructured(text: string): { value: unknown; format: "json" | "python" } | undefined {
  const first = text[0];
  if (first !== "{" && first !== "[" && first !== '"') return undefined;
  // `{'…` or `['…` cannot be JSON: skip the failing JSON.parse, whose exception is the costly part
  if (/^[[{]\s*[uUrR]?'/.test(text)) return python(text);
  try {
    return { value: JSON.parse(text), format: "json" };
  } catch {
    return first === '"' ? undefined : python(text);
  }
}

function python(text: string): { value: unknown; format: "python" } | undefined {
  const parsed = parsePythonLiteral(text);
  return parsed.ok ? { value: parsed.value, format: "python" } : undefined;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isDict(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function variantsOf(dict: Record<string, unknown>, depth: number): SummaryVariantText[] {
  const byName = new Map<string, string>();
  for (const key of Object.keys(dict)) {
    const name = normalizeVariantName(key).value;
    if (name !== null && !byName.has(name)) byName.set(name, key);
  }
  const found: SummaryVariantText[] = [];
  for (const wanted of TEXT_KEYS) {
    const key = byName.get(normalizeVariantName(wanted).value!);
    if (key === undefined) continue;
    const text = textOf(dict[key], depth);
    if (text !== null) found.push({ key, variant: normalizeVariantName(wanted).value!, text });
  }
  return found;
}

function textOf(value: unknown, depth: number): string | null {
  let text: string | null = null;
  if (typeof value === "string") text = value;
  else if (Array.isArray(value)) {
    const lines = value
      .filter((item): item is string => typeof item === "string" && item.trim() !== "")
      .map((item) => unescapeLiteralNewlines(item).trim())
      .map((item) => (/^[-•*]\s/.test(item) ? item : `- ${item}`));
    text = lines.length ? lines.join("\n") : null;
  } else if (isDict(value) && depth < MAX_NESTING) {
    text = variantsOf(value, depth + 1)[0]?.text ?? null;
  }
  if (text === null) return null;
  const result = unescapeLiteralNewlines(text).trim();
  return result === "" ? null : result;
}
