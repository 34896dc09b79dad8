/**
 * A small, safe parser for Python literals as `repr()`/`str()` wrote them (`{'comprehensive':
 * '…'}`, `{u'key': u'v'}`). It reads data, never evaluates: strings with either quote, u/r
 * prefixes, triple quotes, adjacent string concatenation and Python's escapes; int and float
 * (sign, exponent, `_` separators); True/False/None; dicts, lists and tuples (tuples become
 * arrays), trailing commas. Dict keys become strings (`1` → "1"); a later duplicate key wins,
 * as in Python. Integers beyond 2^53 become bigint so they stay exact. Sets, bytes, `inf`,
 * `nan`, calls and anything else are errors with the position where reading stopped.
 */
export type PythonValue = null | boolean | number | bigint | string | PythonValue[] | { [key: string]: PythonValue };

export type PythonParseResult = { ok: true; value: PythonValue } | { ok: false; error: string; position: number };

const MAX_DEPTH = 200;

class ParseError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export function parsePythonLiteral(text: string): PythonParseResult {
  const parser = new Parser(text);
  try {
    parser.skipSpace();
    const value = parser.value(0);
    parser.skipSpace();
    if (parser.pos < text.length) throw new ParseError("unexpected text after the value", parser.pos);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: error.message, position: error.position };
    throw error;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
};

// Sticky patterns match at `lastIndex` without slicing the input, so parsing stays linear.
const WORD = /[A-Za-z_]\w*/y;
const NUMBER = /[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?/y;
const OCTAL = /[0-7]{1,3}/y;

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  private match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  value(depth: number): PythonValue {
    if (depth > MAX_DEPTH) throw new ParseError("nested too deeply", this.pos);
    const c = this.text[this.pos];
    if (c === undefined) throw new ParseError("unexpected end of input", this.pos);
    if (c === "{") return this.dict(depth);
    if (c === "[") return this.sequence("]", depth);
    if (c === "(") return this.tuple(depth);
    if (c === "'" || c === '"' || /^[uUrR]['"]/.test(this.text.slice(this.pos, this.pos + 2))) return this.strings();
    if (/[-+\d.]/.test(c)) return this.number();
    const word = this.match(WORD)?.[0];
    if (word === "True" || word === "False" || word === "None") {
      this.pos += word.length;
      return word === "True" ? true : word === "False" ? false : null;
    }
    throw new ParseError(word ? `unsupported name '${word}'` : `unexpected character '${c}'`, this.pos);
  }

  private dict(depth: number): { [key: string]: PythonValue } {
    const out: { [key: string]: PythonValue } = {};
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === "}") {
        this.pos++;
        return out;
      }
      const keyAt = this.pos;
      const key = this.value(depth + 1);
      if (key !== null && typeof key === "object") throw new ParseError("unsupported dict key", keyAt);
      this.skipSpace();
      if (this.text[this.pos] !== ":") {
        throw new ParseError(
          this.text[this.pos] === "," || this.text[this.pos] === "}" ? "sets are not supported" : "expected ':'",
          this.pos,
        );
      }
      this.pos++;
      this.skipSpace();
      const name = key === null ? "None" : typeof key === "boolean" ? (key ? "True" : "False") : String(key);
      // defineProperty: a key like "__proto__" must stay data, never reach the prototype
      Object.defineProperty(out, name, {
        value: this.value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (!this.separator("}")) throw new ParseError("expected ',' or '}'", this.pos);
    }
  }

  private sequence(close: string, depth: number): PythonValue[] {
    const out: PythonValue[] = [];
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos++;
        return out;
      }
      out.push(this.value(depth + 1));
      if (!this.separator(close)) throw new ParseError(`expected ',' or '${close}'`, this.pos);
    }
  }

  /** `(x)` is just x; `()`, `(x,)` and `(x, y)` are tuples. */
  private tuple(depth: number): PythonValue {
    const start = this.pos;
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ")") {
      this.pos++;
      return [];
    }
    const first = this.value(depth + 1);
    this.skipSpace();
    if (this.text[this.pos] === ")") {
      this.pos++;
      return first;
    }
    this.pos = start;
    return this.sequence(")", depth);
  }

  /** After an item: consumes `,` (then allows the closer) or the closer; false otherwise. */
  private separator(close: string): boolean {
    this.skipSpace();
    if (this.text[this.pos] === ",") {
      this.pos++;
      return true;
    }
    return this.text[this.pos] === close;
  }

  private number(): number | bigint {
    const start = this.pos;
    const m = this.match(NUMBER);
    if (!m || m[0] === "+" || m[0] === "-") throw new ParseError("invalid number", start);
    this.pos += m[0].length;
    if (/^[\w.]/.test(this.text[this.pos] ?? "")) throw new ParseError("invalid number", start);
    const literal = m[0].replaceAll("_", "");
    if (/^[+-]?\d+$/.test(literal)) {
      if (/^[+-]?0\d/.test(literal)) throw new ParseError("leading zeros are not allowed", start);
      const exact = BigInt(literal);
      const n = Number(exact);
      return Number.isSafeInteger(n) ? n : exact;
    }
    const n = Number(literal);
    if (!Number.isFinite(n)) throw new ParseError("number out of range", start);
    return n;
  }

  /** One or more adjacent string literals, concatenated as Python does. */
  private strings(): string {
    let out = this.string();
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      const next = this.text.slice(this.pos, this.pos + 2);
      if (next[0] === "'" || next[0] === '"' || /^[uUrR]['"]/.test(next)) out += this.string();
      else {
        this.pos = save;
        return out;
      }
    }
  }

  private string(): string {
    const start = this.pos;
    let raw = false;
    if (/[uU]/.test(this.text[this.pos])) this.pos++;
    else if (/[rR]/.test(this.text[this.pos])) {
      raw = true;
      this.pos++;
    }
    const quote = this.text[this.pos];
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.pos += delimiter.length;
    this.next = { quote: -1, backslash: -1, newline: -1 };
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) throw new ParseError("unterminated string", start);
      if (this.text.startsWith(delimiter, this.pos)) {
        this.pos += delimiter.length;
        return out;
      }
      // copy the run up to the next quote, backslash or newline in one slice
      const runEnd = this.plainRunEnd(quote);
      if (runEnd > this.pos) {
        out += this.text.slice(this.pos, runEnd);
        this.pos = runEnd;
        continue;
      }
      const c = this.text[this.pos];
      if (c === "\n") {
        if (!triple) throw new ParseError("newline in a single-quoted string", this.pos);
        out += c;
        this.pos++;
        continue;
      }
      if (c === quote) {
        out += c; // a lone quote inside a triple-quoted string
        this.pos++;
        continue;
      }
      const e = this.text[this.pos + 1];
      if (e === undefined) throw new ParseError("unterminated string", start);
      if (raw) {
        // a raw string keeps the backslash; it only stops the next character closing the string
        out += c + e;
        this.pos += 2;
        continue;
      }
      out += this.escape(e);
    }
  }

  // Where the next quote, backslash and newline are; found with native indexOf and reused
  // until the parser passes them, so a long string with many escapes is still scanned once.
  private next = { quote: -1, backslash: -1, newline: -1 };

  private plainRunEnd(quote: string): number {
    const find = (char: string, cached: number) => {
      if (cached >= this.pos) return cached;
      const at = this.text.indexOf(char, this.pos);
      return at < 0 ? this.text.length : at;
    };
    this.next.quote = find(quote, this.next.quote);
    this.next.backslash = find("\\", this.next.backslash);
    this.next.newline = find("\n", this.next.newline);
    return Math.min(this.next.quote, this.next.backslash, this.next.newline);
  }

  private escape(e: string): string {
    const at = this.pos;
    this.pos += 2;
    if (Object.hasOwn(SIMPLE_ESCAPES, e)) return SIMPLE_ESCAPES[e];
    if (e === "\n") return "";
    const hexLength = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
    if (hexLength) {
      const hex = this.text.slice(this.pos, this.pos + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) throw new ParseError(`invalid \\${e} escape`, at);
      this.pos += hexLength;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new ParseError("code point out of range", at);
      return String.fromCodePoint(code);
    }
    if (/[0-7]/.test(e)) {
      this.pos--;
      const digits = this.match(OCTAL)![0];
      this.pos += digits.length;
      return String.fromCodePoint(parseInt(digits, 8));
    }
    if (e === "N") throw new ParseError("\\N{…} escapes are not supported", at);
    // Python keeps an unknown escape as written
    return "\\" + e;
  }
}
