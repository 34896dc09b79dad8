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
  return write(value, { path: [], depth: 0, deep: undefined });
}

/**
 * The objects and arrays being written, outermost first, to refuse a cycle. Record hashing runs
 * this for every row, and a Set add/has/delete per object was a good part of its time: the first
 * PATH_SCAN levels are compared one by one instead (records are 3–4 levels deep), and only
 * deeper levels go to a Set, so a very deep value stays linear.
 */
type Path = { path: object[]; depth: number; deep: Set<object> | undefined };

const PATH_SCAN = 32;

function enter(state: Path, object: object): void {
  const { path, depth } = state;
  const scanned = depth < PATH_SCAN ? depth : PATH_SCAN;
  for (let i = 0; i < scanned; i++) if (path[i] === object) throw new TypeError("canonicalJson: cyclic structure");
  if (depth < PATH_SCAN) {
    path[depth] = object;
  } else {
    const deep = (state.deep ??= new Set());
    if (deep.has(object)) throw new TypeError("canonicalJson: cyclic structure");
    deep.add(object);
  }
  state.depth = depth + 1;
}

function leave(state: Path, object: object): void {
  const depth = --state.depth;
  if (depth >= PATH_SCAN) state.deep!.delete(object);
}

function write(value: unknown, state: Path): string {
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
      // String(-0) is "0", and String agrees with JSON.stringify for every finite number
      return String(value);
    case "object":
      break;
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    // a plain object: neither a Date nor bytes, so the checks below would all pass
    if (!Array.isArray(value)) return writeObject(value as Record<string, unknown>, state);
  } else if (prototype === Array.prototype && Array.isArray(value)) {
    return writeArray(value as unknown[], state);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError("canonicalJson: invalid Date");
    return JSON.stringify(value.toISOString());
  }
  if (value instanceof Uint8Array) throw new TypeError("canonicalJson: encode bytes explicitly (e.g. base64) first");
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
    // a Map, Set or class instance would otherwise hash as "{}" whatever it holds
    throw new TypeError(`canonicalJson: cannot encode a ${prototype?.constructor?.name ?? "object"}`);
  }
  if (!Array.isArray(value)) return writeObject(value as Record<string, unknown>, state);
  // an array with another prototype (a subclass): written through its own map and join, as before
  enter(state, value);
  const out = `[${value.map((item) => (item === undefined ? "null" : write(item, state))).join(",")}]`;
  leave(state, value);
  return out;
}

/** As `[${array.map(...).join(",")}]` wrote it: undefined as null, a hole as nothing. */
function writeArray(array: unknown[], state: Path): string {
  enter(state, array);
  const length = array.length;
  let out = "[";
  for (let i = 0; i < length; i++) {
    if (i > 0) out += ",";
    const item = array[i];
    if (item !== undefined) out += write(item, state);
    else if (i in array) out += "null";
  }
  leave(state, array);
  return out + "]";
}

function writeObject(record: Record<string, unknown>, state: Path): string {
  enter(state, record);
  const all = Object.keys(record);
  // the defined keys, and whether they already come in code-unit order (then no sort is needed)
  const keys: string[] = [];
  let sorted = true;
  for (let i = 0; i < all.length; i++) {
    const key = all[i];
    if (record[key] === undefined) continue;
    if (sorted && keys.length > 0 && !(keys[keys.length - 1] < key)) sorted = false;
    keys.push(key);
  }
  if (!sorted) sortKeys(keys);
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (i > 0) out += ",";
    // read again, as the filter-then-map chain did, so a getter sees the same calls
    out += quoteKey(key) + write(record[key], state);
  }
  leave(state, record);
  return out + "}";
}

/**
 * `"key":`: what JSON.stringify gives, built by hand when the key is printable ASCII without a
 * quote or backslash (every column name), which needs no escaping.
 */
function quoteKey(key: string): string {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return JSON.stringify(key) + ":";
  }
  return '"' + key + '":';
}

/**
 * Array#sort's default order (UTF-16 code units; keys are distinct, so stability is moot):
 * insertion sort with `<` for the few keys a record has, the built-in sort beyond that.
 */
function sortKeys(keys: string[]): void {
  if (keys.length > 16) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && key < keys[j]) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** sha256Hex(canonicalJson(value)): the hash of a record or of a step's evidence. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
