import { describe, expect, it } from "vitest";
import { createPrng, type Prng } from "@/lib/demo/prng";
import { canonicalHash, canonicalJson, sha256Hex } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("sorts keys by UTF-16 code units", () => {
    expect(canonicalJson({ é: 1, z: 2, A: 3, "😀": 4, "\uffff": 5 })).toBe('{"A":3,"z":2,"é":1,"😀":4,"\uffff":5}');
  });

  it("writes equal numbers alike", () => {
    expect(canonicalJson([1.0, -0, 1e21, 0.1, 1e-7])).toBe("[1,0,1e+21,0.1,1e-7]");
  });

  it("writes a bigint as its exact digits", () => {
    expect(canonicalJson({ n: 12345678901234567890n })).toBe('{"n":12345678901234567890}');
  });

  it("drops undefined properties and writes undefined array items as null", () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it("writes a Date as its ISO string", () => {
    expect(canonicalJson(new Date("2024-01-02T03:04:05Z"))).toBe('"2024-01-02T03:04:05.000Z"');
  });

  it("keeps __proto__ as an ordinary key", () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":2}');
  });

  it("refuses what JSON cannot say instead of hashing something ambiguous", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [
      Number.NaN,
      Infinity,
      () => 1,
      Symbol("s"),
      Buffer.from("x"),
      cyclic,
      new Date("nope"),
      new Map([["a", 1]]),
      new Set([1]),
    ]) {
      expect(() => canonicalJson(value)).toThrow(TypeError);
    }
  });

  it("accepts objects without a prototype", () => {
    const value = Object.assign(Object.create(null), { b: 1, a: 2 });
    expect(canonicalJson(value)).toBe('{"a":2,"b":1}');
  });

  it("allows the same object twice when it is not a cycle", () => {
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it("gives the same hash for the same value built in another order", () => {
    expect(canonicalHash({ x: 1, y: ["two"] })).toBe(canonicalHash({ y: ["two"], x: 1 }));
    expect(canonicalHash({ x: 1 })).not.toBe(canonicalHash({ x: 2 }));
  });

  it("round-trips through JSON.parse to an equal value", () => {
    const value = { z: [1, "é\n", { b: null, a: true }], a: -2.5 };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe("sha256Hex", () => {
  it("hashes text as UTF-8", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

/** The implementation before the single-pass rewrite, kept to check the new one writes the same. */
function referenceCanonicalJson(value: unknown): string {
  return referenceWrite(value, new Set());
}

function referenceWrite(value: unknown, seen: Set<object>): string {
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
    throw new TypeError(`canonicalJson: cannot encode a ${prototype?.constructor?.name ?? "object"}`);
  }
  const object = value as object;
  if (seen.has(object)) throw new TypeError("canonicalJson: cyclic structure");
  seen.add(object);
  let out: string;
  if (Array.isArray(object)) {
    out = `[${object.map((item) => (item === undefined ? "null" : referenceWrite(item, seen))).join(",")}]`;
  } else {
    const keys = Object.keys(object)
      .filter((key) => (object as Record<string, unknown>)[key] !== undefined)
      .sort();
    const record = object as Record<string, unknown>;
    out = `{${keys.map((key) => `${JSON.stringify(key)}:${referenceWrite(record[key], seen)}`).join(",")}}`;
  }
  seen.delete(object);
  return out;
}

/** The text written, or the class and message of what was thrown. */
function outcome(encode: (value: unknown) => string, value: unknown): string {
  try {
    return `ok ${encode(value)}`;
  } catch (error) {
    return `threw ${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

describe("canonicalJson against the previous implementation", () => {
  class Point {
    constructor(public x = 1) {}
  }
  class Stamp extends Date {}
  class List extends Array<unknown> {}
  const KEYS = [
    "a",
    "b",
    "z",
    "A",
    "Z",
    "é",
    "\uD83D\uDE00",
    "\uffff",
    "\uD83D",
    "10",
    "9",
    "0",
    "",
    "a b",
    'q"',
    "b\\",
    "\n",
    "__proto__",
    "text_sha256",
    "raw_json",
  ];
  const STRINGS = [
    "",
    "x",
    "é\n",
    'say "hi"',
    "tab\there",
    "\u0000",
    "\uD83D\uDE00",
    "\uDE00 lone",
    "2024-01-02T00:00:00.001Z",
    "back\\slash",
  ];
  const NUMBERS = [
    0,
    -0,
    1,
    -1,
    1.5,
    0.1,
    1e21,
    1e-7,
    -2.5e-300,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 2,
    Number.MIN_VALUE,
  ];
  const BAD = [
    Number.NaN,
    Infinity,
    -Infinity,
    () => 1,
    Symbol("s"),
    new Uint8Array([1]),
    Buffer.from("x"),
    new Date("nope"),
    new Map([["a", 1]]),
    new Set([1]),
    new Point(),
    /re/,
    new Error("e"),
  ];

  /** Sets an own property, also for "__proto__" (an assignment would set the prototype). */
  function put(object: object, key: string, value: unknown): void {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }

  function generate(prng: Prng, depth: number): unknown {
    const roll = prng.next();
    if (depth > 0 && roll < 0.22) {
      const object: Record<string, unknown> = prng.next() < 0.1 ? Object.create(null) : {};
      for (const key of prng.shuffle(KEYS).slice(0, prng.int(0, 8))) put(object, key, generate(prng, depth - 1));
      if (prng.next() < 0.1) object.gone = undefined;
      return object;
    }
    if (depth > 0 && roll < 0.4) {
      const array = Array.from({ length: prng.int(0, 6) }, () => generate(prng, depth - 1));
      if (prng.next() < 0.1) array.push(undefined);
      if (prng.next() < 0.05) array[array.length + 1] = 1; // leaves a hole
      return array;
    }
    if (roll < 0.55) return prng.pick(STRINGS);
    if (roll < 0.7) return prng.pick(NUMBERS);
    if (roll < 0.75) return prng.pick([null, true, false, undefined]);
    if (roll < 0.8) return prng.pick([0n, -5n, 12345678901234567890n]);
    if (roll < 0.85) return prng.pick([new Date(0), new Date("2024-02-29T12:00:00.123Z"), new Stamp(86_400_000)]);
    if (roll < 0.88) return prng.pick([List.from([1, "x"]), Object.assign(Object.create(null), { b: 1, a: 2 })]);
    if (roll < 0.9) return prng.pick(BAD);
    return prng.string(prng.int(0, 4), 'aé\uD83D\uDE00"\\\n');
  }

  const isPlain = (value: unknown): value is object =>
    value !== null &&
    typeof value === "object" &&
    [Object.prototype, Array.prototype, null].includes(Object.getPrototypeOf(value));

  /** Points a random plain object or array inside `value` back at one of its ancestors. */
  function addCycle(prng: Prng, value: unknown): void {
    if (!isPlain(value)) return;
    const path: object[] = [value];
    for (;;) {
      const children = Object.values(path[path.length - 1]).filter(isPlain);
      if (children.length === 0 || prng.next() < 0.2) break;
      path.push(prng.pick(children));
    }
    const holder = path[path.length - 1];
    const ancestor = prng.pick(path);
    if (Array.isArray(holder)) holder.push(ancestor);
    else put(holder, prng.pick(KEYS), ancestor);
  }

  it("writes the same text or throws the same error for generated values", () => {
    const prng = createPrng(8785);
    let threw = 0;
    for (let i = 0; i < 6000; i++) {
      const value = generate(prng, prng.int(0, 5));
      if (i % 7 === 0) addCycle(prng, value);
      const expected = outcome(referenceCanonicalJson, value);
      if (expected.startsWith("threw")) threw++;
      expect(outcome(canonicalJson, value), expected).toBe(expected);
    }
    // both outcomes are exercised
    expect(threw).toBeGreaterThan(300);
    expect(threw).toBeLessThan(5700);
  });

  it("writes the same text for record-shaped values with many keys, sorted or not", () => {
    const prng = createPrng(40);
    const columns = Array.from({ length: 60 }, () => prng.string(prng.int(1, 12), "abcdefghijklmnopqrstuvwxyz_é"));
    for (let i = 0; i < 1000; i++) {
      const names = prng.next() < 0.3 ? [...columns].sort() : prng.shuffle(columns);
      const content: Record<string, unknown> = {};
      for (const name of names.slice(0, prng.int(0, 60))) put(content, name, generate(prng, 2));
      const summaries = Array.from({ length: prng.int(0, 3) }, (_, revision) => ({
        variant: "short",
        revision,
        is_latest: revision === 0,
        text_sha256: "ab".repeat(32),
        html_sha256: null,
        raw_json: { model: "m", tokens: revision * 100 },
        created_at: "2024-01-02T00:00:00.001Z",
        updated_at: undefined,
      }));
      const value = { content, summaries };
      const expected = outcome(referenceCanonicalJson, value);
      expect(outcome(canonicalJson, value), expected).toBe(expected);
    }
  });

  it("agrees on edge cases: holes, undefined, -0, subclasses, deep nesting and deep cycles", () => {
    const deep: unknown[] = [];
    let tip = deep;
    for (let i = 0; i < 500; i++) tip = tip[0] = [i % 2 === 0 ? { k: i } : i];
    const deepCycle: Record<string, unknown> = { root: true };
    let node = deepCycle;
    for (let i = 0; i < 200; i++) node = (node.next = { i }) as Record<string, unknown>;
    node.back = deepCycle;
    const deepInnerCycle: Record<string, unknown> = {};
    node = deepInnerCycle;
    for (let i = 0; i < 100; i++) node = (node.next = { i }) as Record<string, unknown>;
    node.self = node;
    const selfArray: unknown[] = [1];
    selfArray.push([selfArray]);
    const shared = { x: [1] };
    // the same object twice, far deeper than the levels compared one by one: not a cycle
    const deepShared: unknown[] = [];
    let holder = deepShared;
    for (let i = 0; i < 60; i++) holder = holder[0] = [];
    holder.push(shared, { again: shared }, shared);
    for (const value of [
      [1, , 3],
      new Array(3),
      [undefined, -0, { a: undefined, b: -0 }],
      { é: 1, z: 2, "\uD83D\uDE00": 3, "\uffff": 4, A: 5, "10": 6, "9": 7 },
      { b: { d: 1, c: 2 }, a: [{ z: 1, y: [] }] },
      [shared, shared, { s: shared }],
      List.from([1, 2]),
      new Stamp(0),
      { when: new Stamp(Number.NaN) },
      { n: 12345678901234567890n, m: -0n },
      deep,
      deepCycle,
      deepShared,
      deepInnerCycle,
      selfArray,
      [new Point()],
      { first: Number.NaN, second: () => 1 },
      { second: Number.NaN, first: new Map() },
      undefined,
      Object.create(new Point()),
    ]) {
      const expected = outcome(referenceCanonicalJson, value);
      expect(outcome(canonicalJson, value), expected).toBe(expected);
    }
  });
});
