/**
 * Key-level structural diff of two parsed JSON values, for JSON fields in the record detail
 * (analysis, named entities, raw payloads). Objects are compared by key (order irrelevant),
 * arrays by index, or — for arrays of strings when asked — as sets, since a topic list in
 * another order is the same list to the owner. Numbers compare numerically (1 and 1.0 are
 * one number once parsed; a bigint equals the number it spells).
 *
 * The output is a flat list in document order: one entry per leaf, per whole subtree added or
 * removed, and per set member; the view indents by `path.length`.
 */
export type JsonPath = (string | number)[];
export type JsonDiffKind = "same" | "added" | "removed" | "changed";

export type JsonDiffEntry = {
  path: JsonPath;
  kind: JsonDiffKind;
  left?: unknown;
  right?: unknown;
  /** set comparison: `path` is the array and left/right the member string */
  member?: boolean;
};

export type JsonDiffOptions = {
  /** compare arrays whose items are all strings as sets: true for every such array, or per path */
  stringArraysAsSets?: boolean | ((path: JsonPath) => boolean);
  /** include unchanged leaves (default true: the view shows them as context) */
  includeSame?: boolean;
};

export function jsonDiff(left: unknown, right: unknown, options: JsonDiffOptions = {}): JsonDiffEntry[] {
  const out: JsonDiffEntry[] = [];
  walk(left, right, [], options, out);
  return options.includeSame === false ? out.filter((entry) => entry.kind !== "same") : out;
}

/** Semantic equality of two parsed JSON values: key order ignored, numbers by value. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return numericEqual(a, b);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const aKeys = definedKeys(a);
  const bKeys = definedKeys(b);
  if (aKeys.length !== bKeys.length) return false;
  const record = b as Record<string, unknown>;
  return aKeys.every((key) => key in record && jsonEqual((a as Record<string, unknown>)[key], record[key]));
}

/** `categories[0].subcategories`, `["key with space"]`: how a path reads in the view. */
export function formatJsonPath(path: JsonPath): string {
  if (path.length === 0) return "(whole value)";
  return path
    .map((part, i) => {
      if (typeof part === "number") return `[${part}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(part)) return i === 0 ? part : `.${part}`;
      return `[${JSON.stringify(part)}]`;
    })
    .join("");
}

function walk(left: unknown, right: unknown, path: JsonPath, options: JsonDiffOptions, out: JsonDiffEntry[]) {
  if (isPlainObject(left) && isPlainObject(right)) {
    const rightKeys = definedKeys(right);
    const keys = [...definedKeys(left), ...rightKeys.filter((key) => !(key in left) || left[key] === undefined)];
    for (const key of keys) {
      const inLeft = left[key] !== undefined;
      const inRight = right[key] !== undefined;
      if (inLeft && inRight) walk(left[key], right[key], [...path, key], options, out);
      else if (inLeft) out.push({ path: [...path, key], kind: "removed", left: left[key] });
      else out.push({ path: [...path, key], kind: "added", right: right[key] });
    }
    return;
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    if (asSet(left, right, path, options)) return setDiff(left as string[], right as string[], path, out);
    const length = Math.max(left.length, right.length);
    for (let i = 0; i < length; i++) {
      if (i >= right.length) out.push({ path: [...path, i], kind: "removed", left: left[i] });
      else if (i >= left.length) out.push({ path: [...path, i], kind: "added", right: right[i] });
      else walk(left[i], right[i], [...path, i], options, out);
    }
    return;
  }
  if (left === undefined && right === undefined) return;
  if (left === undefined) out.push({ path, kind: "added", right });
  else if (right === undefined) out.push({ path, kind: "removed", left });
  else out.push({ path, kind: jsonEqual(left, right) ? "same" : "changed", left, right });
}

function asSet(left: unknown[], right: unknown[], path: JsonPath, options: JsonDiffOptions): boolean {
  const wanted = options.stringArraysAsSets;
  if (!wanted || (typeof wanted === "function" && !wanted(path))) return false;
  return left.every((item) => typeof item === "string") && right.every((item) => typeof item === "string");
}

function setDiff(left: string[], right: string[], path: JsonPath, out: JsonDiffEntry[]) {
  const rightSet = new Set(right);
  const leftSet = new Set(left);
  for (const item of new Set(left)) {
    out.push(
      rightSet.has(item)
        ? { path, kind: "same", left: item, right: item, member: true }
        : { path, kind: "removed", left: item, member: true },
    );
  }
  for (const item of new Set(right)) {
    if (!leftSet.has(item)) out.push({ path, kind: "added", right: item, member: true });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// JSON.stringify drops undefined members, so they are absent, not present-and-empty
function definedKeys(value: object): string[] {
  return Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
}

function isNumeric(value: unknown): value is number | bigint {
  return typeof value === "number" || typeof value === "bigint";
}

function numericEqual(a: number | bigint, b: number | bigint): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b; // also 0 === -0
  // a bigint against a number: equal only when the number is that exact integer
  if (typeof a === "number") return Number.isInteger(a) && BigInt(a) === b;
  if (typeof b === "number") return Number.isInteger(b) && BigInt(b) === a;
  return a === b;
}
