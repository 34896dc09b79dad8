import { lossy, ok, type Transformed } from "./types";

/**
 * PostgreSQL TEXT and JSONB cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form
 * (node would send U+FFFD, JSONB rejects the `\ud800` escape). Both are "values the target
 * cannot hold as they are" in DESIGN.md's sense.
 */
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// without the g flag, test() keeps no lastIndex state between calls
const LONE_SURROGATE_TEST = new RegExp(LONE_SURROGATE.source);

export function hasNul(text: string): boolean {
  return text.includes("\u0000");
}

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE_TEST.test(text);
}

/** True when PostgreSQL would reject or alter the string. */
export function isUnstorableText(text: string): boolean {
  return hasNul(text) || hasLoneSurrogate(text);
}

/**
 * For a text field: the row goes in with NULs removed and lone surrogates replaced by U+FFFD,
 * rather than the field NULL, because a title is NOT NULL and the rest of the text is still
 * right; the issue keeps the original for the quarantine row.
 */
export function cleanText(input: string | null | undefined, field?: string): Transformed<string> {
  if (input === null || input === undefined) return ok(null);
  if (!isUnstorableText(input)) return ok(input);
  const value = stripUnstorable(input);
  const what = hasNul(input) ? "NUL characters removed" : "lone surrogates replaced by U+FFFD";
  return lossy(value, "invalid_value", input, `${what}: PostgreSQL text cannot hold them`, field);
}

export function stripUnstorable(text: string): string {
  return text.replace(NUL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** Deep version of cleanText for parsed JSON going into JSONB: strings and keys both. */
export function cleanJsonValue(input: unknown, field?: string): Transformed<unknown> {
  let changed = false;
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (!isUnstorableText(value)) return value;
      changed = true;
      return stripUnstorable(value);
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const cleanKey = isUnstorableText(key) ? ((changed = true), stripUnstorable(key)) : key;
        Object.defineProperty(out, cleanKey, {
          value: walk(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return value;
  };
  const value = walk(input);
  if (!changed) return ok(input);
  return lossy(value, "invalid_value", input, "NUL characters or lone surrogates removed from JSON strings", field);
}

/**
 * Encoding of a complete source row for `migration_quarantine.raw` (JSONB), recoverable byte for
 * byte with fromQuarantineRaw. Plain JSON values pass through; everything JSONB cannot hold
 * exactly becomes a one-key marker object:
 * - string with NUL          → {"$bytes_b64": base64 of its UTF-8 bytes} (DESIGN.md's form)
 * - string with a lone surrogate → {"$utf16_b64": base64 of its UTF-16LE code units} (no UTF-8 form)
 * - Buffer / Uint8Array (SQLite BLOB) → {"$blob_b64": …} so it comes back as bytes, not text
 * - bigint (SQLite INTEGER beyond 2^53 read with safeIntegers) → {"$bigint": "digits"}
 * - NaN / ±Infinity (SQLite REAL) → {"$number": "NaN" | "Infinity" | "-Infinity"}
 * - an object that itself looks like a marker → {"$object": …}
 * - an object with keys JSONB cannot hold → {"$entries": [[key, value], …]}
 */
const MARKERS = ["$bytes_b64", "$utf16_b64", "$blob_b64", "$bigint", "$number", "$object", "$entries"] as const;

export type QuarantineRaw = null | boolean | number | string | QuarantineRaw[] | { [key: string]: QuarantineRaw };

export function toQuarantineRaw(input: unknown): QuarantineRaw {
  if (input === null || input === undefined) return null;
  if (typeof input === "boolean") return input;
  if (typeof input === "number") {
    if (Number.isFinite(input)) return Object.is(input, -0) ? { $number: "-0" } : input;
    return { $number: String(input) };
  }
  if (typeof input === "bigint") return { $bigint: input.toString() };
  if (typeof input === "string") {
    if (hasLoneSurrogate(input)) return { $utf16_b64: Buffer.from(input, "utf16le").toString("base64") };
    if (hasNul(input)) return { $bytes_b64: Buffer.from(input, "utf8").toString("base64") };
    return input;
  }
  if (input instanceof Uint8Array) return { $blob_b64: Buffer.from(input).toString("base64") };
  if (Array.isArray(input)) return input.map(toQuarantineRaw);
  const prototype = typeof input === "object" ? Object.getPrototypeOf(input) : undefined;
  if (prototype === Object.prototype || prototype === null) {
    const entries = Object.entries(input);
    if (entries.some(([key]) => isUnstorableText(key))) {
      return { $entries: entries.map(([key, value]) => [toQuarantineRaw(key), toQuarantineRaw(value)]) };
    }
    const out: { [key: string]: QuarantineRaw } = {};
    for (const [key, value] of entries) {
      Object.defineProperty(out, key, {
        value: toQuarantineRaw(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    const looksLikeMarker = entries.length === 1 && (MARKERS as readonly string[]).includes(entries[0][0]);
    return looksLikeMarker ? { $object: out } : out;
  }
  // a Date, Map or class instance would otherwise become "{}" and the row would not be recoverable
  throw new TypeError(`toQuarantineRaw: cannot encode a ${prototype?.constructor?.name ?? typeof input}`);
}

export function fromQuarantineRaw(raw: unknown): unknown {
  if (raw === null || typeof raw !== "object") return raw;
  if (Array.isArray(raw)) return raw.map(fromQuarantineRaw);
  const entries = Object.entries(raw);
  if (entries.length === 1) {
    const [marker, payload] = entries[0];
    switch (marker) {
      case "$bytes_b64":
        return Buffer.from(String(payload), "base64").toString("utf8");
      case "$utf16_b64":
        return Buffer.from(String(payload), "base64").toString("utf16le");
      case "$blob_b64":
        return Buffer.from(String(payload), "base64");
      case "$bigint":
        return BigInt(String(payload));
      case "$number":
        return Number(payload);
      case "$object":
        return decodeObject(Object.entries(payload as object));
      case "$entries":
        return decodeObject(
          (payload as [unknown, unknown][]).map(([key, value]) => [String(fromQuarantineRaw(key)), value]),
        );
    }
  }
  return decodeObject(entries);
}

function decodeObject(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, {
      value: fromQuarantineRaw(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
