import type { Statement } from "./lex";
import type { SourceLine } from "./source-line";

export type PyDecorator = { line: number; code: string; commented: boolean };

export type PyDef = {
  name: string;
  /** index of the def statement */
  index: number;
  line: number;
  indent: number;
  /** the statements of its body, nested ones included */
  body: Statement[];
  decorators: PyDecorator[];
};

/** Python functions by indentation, with their decorators, live or commented out. */
export function pythonDefs(statements: Statement[], lines: SourceLine[]): PyDef[] {
  const statementAt = new Map<number, Statement>();
  for (const s of statements) for (let n = s.start; n <= s.end; n++) statementAt.set(n, s);
  const defs: PyDef[] = [];
  statements.forEach((s, index) => {
    const m = /^\s*(?:async\s+)?def\s+(\w+)/.exec(s.code);
    if (!m) return;
    const indent = s.lines[0]!.indent;
    const body: Statement[] = [];
    for (let j = index + 1; j < statements.length && statements[j]!.lines[0]!.indent > indent; j++)
      body.push(statements[j]!);
    defs.push({
      name: m[1]!,
      index,
      line: s.start,
      indent,
      body,
      decorators: decoratorsAbove(s.start, lines, statementAt),
    });
  });
  return defs;
}

function decoratorsAbove(defLine: number, lines: SourceLine[], statementAt: Map<number, Statement>): PyDecorator[] {
  const out: PyDecorator[] = [];
  for (let n = defLine - 1; n >= 1;) {
    const line = lines[n - 1]!;
    const statement = statementAt.get(n);
    if (line.code.trim() && statement && statement.code.trim().startsWith("@")) {
      out.push({ line: statement.start, code: statement.code.trim(), commented: false });
      n = statement.start - 1;
    } else if (!line.code.trim() && line.comment.startsWith("@")) {
      out.push({ line: n, code: line.comment, commented: true });
      n--;
    } else break;
  }
  return out;
}

/** For each statement, the innermost def whose body holds it (-1: module level). */
export function scopeIndex(statements: Statement[], defs: PyDef[]): number[] {
  const scope = statements.map(() => -1);
  const position = new Map(statements.map((s, i) => [s, i]));
  defs.forEach((def, d) => {
    for (const s of def.body) scope[position.get(s)!] = d;
  });
  return scope;
}
