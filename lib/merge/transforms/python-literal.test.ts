import { describe, expect, it } from "vitest";
import { parsePythonLiteral } from "./python-literal";

const parse = (text: string) => {
  const result = parsePythonLiteral(text);
  if (!result.ok) throw new Error(`${result.error} at ${result.position}`);
  return result.value;
};

describe("parsePythonLiteral", () => {
  it("reads a dict with single-quoted strings", () => {
    expect(parse("{'comprehensive': 'A summary.'}")).toEqual({ comprehensive: "A summary." });
  });

  it("reads strings in either quote, containing the other quote", () => {
    expect(parse(`{"it's": 'say "hi"'}`)).toEqual({ "it's": 'say "hi"' });
  });

  it("decodes Python's escapes", () => {
    expect(parse(String.raw`'a\nb\tc\\d\'e\"f\r'`)).toBe("a\nb\tc\\d'e\"f\r");
    expect(parse(String.raw`'\u00e9\x41\U0001F600\101\0'`)).toBe("éA😀A\u0000");
    expect(parse(String.raw`'\ud83d\ude00'`)).toBe("😀");
    expect(parse(String.raw`'\a\b\f\v'`)).toBe("\x07\b\f\v");
  });

  it("keeps an unknown escape as written, as Python does", () => {
    expect(parse(String.raw`'C:\path\q'`)).toBe("C:\\path\\q");
  });

  it("reads u and r prefixes", () => {
    expect(parse("{u'key': u'val\\n'}")).toEqual({ key: "val\n" });
    expect(parse(String.raw`r'a\nb'`)).toBe("a\\nb");
    expect(parse(String.raw`r'it\'s'`)).toBe("it\\'s");
  });

  it("concatenates adjacent strings", () => {
    expect(parse("{'text': 'part one, ' 'part two' \"!\"}")).toEqual({ text: "part one, part two!" });
  });

  it("reads triple-quoted strings with newlines and lone quotes", () => {
    expect(parse("'''line 1\nit's \"line\" 2'''")).toBe('line 1\nit\'s "line" 2');
    expect(parse('"""a""b"""')).toBe('a""b');
  });

  it("reads numbers: int, float, negative, exponent, underscores", () => {
    expect(parse("[1, -2, +3, 1.5, -0.25, .5, 5., 1e3, 2.5E-2, 1_000]")).toEqual([
      1, -2, 3, 1.5, -0.25, 0.5, 5, 1000, 0.025, 1000,
    ]);
  });

  it("keeps integers beyond 2^53 exact as bigint", () => {
    expect(parse("12345678901234567890")).toBe(12345678901234567890n);
  });

  it("reads True, False and None", () => {
    expect(parse("{'a': True, 'b': False, 'c': None}")).toEqual({ a: true, b: false, c: null });
  });

  it("reads nested dicts, lists and tuples with trailing commas", () => {
    expect(parse("{'a': {'b': [1, (2, 3), ()], 'c': (4,),}, 'd': [],}")).toEqual({
      a: { b: [1, [2, 3], []], c: [4] },
      d: [],
    });
    expect(parse("(1)")).toBe(1);
  });

  it("turns non-string keys into strings", () => {
    expect(parse("{1: 'one', None: 'n', True: 't'}")).toEqual({ "1": "one", None: "n", True: "t" });
  });

  it("lets a later duplicate key win", () => {
    expect(parse("{'a': 1, 'a': 2}")).toEqual({ a: 2 });
  });

  it("keeps __proto__ as a plain key", () => {
    const value = parse("{'__proto__': {'polluted': True}}") as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("allows whitespace and newlines between tokens", () => {
    expect(parse("\n {\n  'a' :\n   [ 1 ,\n 2 ]\n }\n")).toEqual({ a: [1, 2] });
  });

  it("gives the same value as JSON.parse for JSON-compatible text", () => {
    const samples = [
      { comprehensive: "x\ny", bullet_points: ["a", "b"], n: 1.25, neg: -3, ok: true, none: null },
      [[], {}, [{}], "é😀\t"],
      { nested: { deeper: { deepest: [1, 2, 3] } } },
    ];
    for (const sample of samples)
      expect(
        parse(
          JSON.stringify(sample)
            .replace(/\btrue\b/g, "True")
            .replace(/\bnull\b/g, "None"),
        ),
      ).toEqual(sample);
  });

  it("reports an error with its position and never evaluates", () => {
    const cases: [string, number][] = [
      ["{'a': 1", 7],
      ["{'a' 1}", 5],
      ["__import__('os').system('x')", 0],
      ["{'a': inf}", 6],
      ["{1, 2}", 2],
      ["'unterminated", 0],
      ["'a\nb'", 2],
      ["{'a': 1} extra", 9],
      ["b'bytes'", 0],
      ["[1 2]", 3],
      ["01", 0],
      ["1.2.3", 0],
      ["'\\N{DASH}'", 1],
      ["'\\xZZ'", 1],
      ["", 0],
    ];
    for (const [text, position] of cases) {
      const result = parsePythonLiteral(text);
      expect(result, text).toMatchObject({ ok: false, position });
    }
  });

  it("refuses nesting deeper than its limit instead of overflowing the stack", () => {
    const result = parsePythonLiteral("[".repeat(10_000) + "]".repeat(10_000));
    expect(result).toMatchObject({ ok: false, error: "nested too deeply" });
  });
});
