import type { Statement } from "../source/lex";
import { endpointPaths, GONE } from "./endpoints";

/** Logging and printing do nothing to a database; a handler that only logs before answering 410 is a stub. */
export const LOGGING = /^\s*(?:self\.)?(?:log|logger|logging|_log|print|console|warnings)\b[\w.]*\s*\(/;

export type EndpointMention = { index: number; paths: string[]; gone: boolean };

/**
 * The first statement a line opens: the body of an `if path == …:` branch, or of the function
 * under a route decorator. Undefined when nothing is indented under it.
 */
export function firstOfBlock(statements: Statement[], index: number): Statement | undefined {
  let base = statements[index]!.lines[0]!.indent;
  let j = index + 1;
  if (/^\s*@/.test(statements[index]!.code)) {
    while (j < statements.length && /^\s*@/.test(statements[j]!.code)) j++;
    if (j < statements.length && /^\s*(?:async\s+)?(?:def|function)\b/.test(statements[j]!.code)) {
      base = statements[j]!.lines[0]!.indent;
      j++;
    }
  }
  for (; j < statements.length; j++) {
    const s = statements[j]!;
    if (s.lines[0]!.indent <= base) return undefined;
    if (!LOGGING.test(s.code)) return s;
  }
  return undefined;
}

/**
 * Every statement (in code, not comments) that names a whole-database endpoint, and whether
 * that route answers 410 Gone: on its own line, or as the first thing its branch or handler does.
 */
export function endpointMentions(statements: Statement[]): EndpointMention[] {
  const out: EndpointMention[] = [];
  statements.forEach((s, index) => {
    const paths = endpointPaths(s.code);
    if (paths.length === 0) return;
    const gone = GONE.test(s.code) || GONE.test(firstOfBlock(statements, index)?.code ?? "");
    out.push({ index, paths, gone });
  });
  return out;
}
