import { makeLine, type SourceLine } from "./source-line";

/**
 * Python lines: `#` comments outside strings, triple-quoted strings across lines (a string that
 * is a statement of its own is a docstring: prose, not code), and statements that go on while a
 * bracket or a triple-quoted string is open or a line ends with a backslash.
 */
export function lexPython(texts: string[]): SourceLine[] {
  const out: SourceLine[] = [];
  let triple = ""; // the open triple quote, if any
  let tripleIsDoc = false;
  let depth = 0;
  let continued = false;
  texts.forEach((text, index) => {
    const n = index + 1;
    let pos = 0;
    let code = "";
    let closesDoc = false;
    if (triple) {
      const close = findClose(text, 0, triple);
      if (close < 0) {
        out.push(makeLine(n, text, tripleIsDoc ? "" : text, "", { doc: tripleIsDoc, joinNext: true }));
        return;
      }
      pos = close + 3;
      code = tripleIsDoc ? "" : text.slice(0, pos);
      closesDoc = tripleIsDoc;
      triple = "";
    }
    const statementStart = depth === 0 && !continued && pos === 0;
    if (statementStart && /^\s*[rRuUbBfF]{0,2}("""|''')/.test(text)) {
      const opener = /("""|''')/.exec(text)!;
      const close = findClose(text, opener.index + 3, opener[1]!);
      if (close < 0) {
        triple = opener[1]!;
        tripleIsDoc = true;
        out.push(makeLine(n, text, "", "", { doc: true, joinNext: true }));
        return;
      }
      if (/^\s*(#.*)?$/.test(text.slice(close + 3))) {
        out.push(makeLine(n, text, "", "", { doc: true }));
        return;
      }
    }
    let comment = "";
    let quote = "";
    for (let i = pos; i < text.length; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === "\\") i++;
        else if (c === quote) quote = "";
        continue;
      }
      if (c === "#") {
        comment = text.slice(i + 1).trim();
        code += text.slice(pos, i);
        pos = -1;
        break;
      }
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
      else if (c === '"' || c === "'") {
        if (text.startsWith(c.repeat(3), i)) {
          const close = findClose(text, i + 3, c.repeat(3));
          if (close < 0) {
            triple = c.repeat(3);
            tripleIsDoc = false;
            break;
          }
          i = close + 2;
        } else quote = c;
      }
    }
    if (pos >= 0) code += text.slice(pos);
    continued = /\\\s*$/.test(code);
    const joinNext = Boolean(triple) || depth > 0 || continued;
    out.push(makeLine(n, text, code.replace(/\s+$/, ""), comment, { joinNext, doc: closesDoc && !code.trim() }));
  });
  return out;
}

function findClose(text: string, from: number, quote: string): number {
  for (let i = from; i <= text.length - 3; i++) {
    if (text[i] === "\\") i++;
    else if (text.startsWith(quote, i)) return i;
  }
  return -1;
}
