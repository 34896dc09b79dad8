import { createHash } from "node:crypto";

/**
 * Stable JSON for record hashes and evidence hashes, after RFC 8785 (JCS): object keys sorted
 * by UTF-16 code units, no whitespace, numbers in ECMAScript shortest form (so 1.0 and 1 hash
 * alike, -0 becomes 0). Beyond JCS: a bigint is written as its exact digits, matching how
 * PostgreSQL prints BIGINT inside JSONB; a Date as its ISO string. Anything JSON cannot say
 * (NaN, Infinity, functions, symbols, bytes, cycles) throws rather than hashing something
 * ambiguous. `undefined` is dropped in objects and becomes null in arrays, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return value.toString();
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value === 0 ? 0 : value);
    case "object":
      break;
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError("canonicalJson: invalid Date");
    return JSON.stringify(value.toISOString());
  }
  if (value instanceof Uint8Array) throw new TypeError("canonicalJson: encode bytes explicitly (e.g. base64) first");
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
    // a Map, Set or class instance would otherwise hash as "{}" whatever it holds
    throw new TypeError(`canonicalJson: cannot encode a ${prototype?.constructor?.name ?? "object"}`);
  }
  const object = value as object;
  if (seen.has(object)) throw new TypeError("canonicalJson: cyclic structure");
  seen.add(object);
  let out: string;
  if (Array.isArray(object)) {
    out = `[${object.map((item) => (item === undefined ? "null" : write(item, seen))).join(",")}]`;
  } else {
    const keys = Object.keys(object)
      .filter((key) => (object as Record<string, unknown>)[key] !== undefined)
      .sort();
    const record = object as Record<string, unknown>;
    out = `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], seen)}`).join(",")}}`;
  }
  seen.delete(object);
  return out;
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** sha256Hex(canonicalJson(value)): the hash of a record or of a step's evidence. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
