import { stripUnstorable, isUnstorableText } from "./nul";
import { parsePythonLiteral } from "./python-literal";
import { isNullish, lossy, ok, preview, type Transformed } from "./types";

/**
 * `key_topics` → a JSON array of trimmed, non-empty strings for `topics_json`. Accepted forms,
 * all without an issue: a JSON array, a Python list as `str(list)` wrote it (`['AI', 'ML']`),
 * a JSON string holding one topic, a comma list of quoted topics (`"AI", "ML"`), and a plain
 * comma list (`AI, Python , ML`). Trimming and dropping empty entries is the normalization
 * DESIGN.md asks for; numbers and booleans become their text. Order and duplicates are kept.
 * Reported: text starting with `[` or `{` that parses as neither JSON nor Python →
 * NULL + `invalid_json`; a parsed value that is not a list, or a list holding objects or nulls
 * (those items are dropped) → `invalid_value`; NULs removed (see nul.ts) → `invalid_value`.
 */
export function toKeyTopics(input: unknown, field?: string): Transformed<string[]> {
  if (isNullish(input)) return ok(null);
  if (Array.isArray(input)) return fromList(input, input, field);
  if (typeof input !== "string")
    return lossy(null, "invalid_value", input, `key topics are not text: ${preview(input)}`, field);

  const text = input.trim();
  const structured = /^[[{]/.test(text);
  if (structured || /^["']/.test(text)) {
    const parsed = parseStructured(text);
    if (typeof parsed === "string") return fromList([parsed], input, field);
    if (Array.isArray(parsed)) return fromList(parsed, input, field);
    if (parsed !== undefined) return lossy(null, "invalid_value", input, "key topics are not a list", field);
    // a topic may simply begin with a quote ("'90s music"): only brackets promise structure
    if (structured) return lossy(null, "invalid_json", input, `key topics do not parse: ${preview(input)}`, field);
  }
  return fromList(text.split(","), input, field);
}

/** JSON, else a Python literal, else a bare list of quoted items (`"AI", "ML"`). */
function parseStructured(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const python = parsePythonLiteral(text);
    if (python.ok) return python.value;
    if (/^["']/.test(text)) {
      const list = parsePythonLiteral(`[${text}]`);
      if (list.ok) return list.value;
    }
    return undefined;
  }
}

function fromList(items: unknown[], original: unknown, field?: string): Transformed<string[]> {
  const topics: string[] = [];
  let dropped = 0;
  let cleaned = false;
  for (const item of items) {
    if (typeof item === "string" || typeof item === "number" || typeof item === "boolean" || typeof item === "bigint") {
      let topic = String(item).trim();
      if (isUnstorableText(topic)) {
        topic = stripUnstorable(topic).trim();
        cleaned = true;
      }
      if (topic !== "") topics.push(topic);
    } else dropped++;
  }
  if (dropped > 0)
    return lossy(topics, "invalid_value", original, `${dropped} key topic(s) that are not text dropped`, field);
  if (cleaned) return lossy(topics, "invalid_value", original, "NUL characters removed from key topics", field);
  return ok(topics);
}
