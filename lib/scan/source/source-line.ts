/** One physical line, split into the part that runs and the part that is a comment. */
export type SourceLine = {
  /** 1-based line number */
  n: number;
  text: string;
  /** the line without its comment (strings kept); "" for a comment-only or docstring line */
  code: string;
  /** the comment's text without its marker; "" when there is none */
  comment: string;
  /** prose: a runbook line or a Python docstring */
  doc: boolean;
  /** leading whitespace width */
  indent: number;
  /** the statement goes on: an open bracket or string, or a trailing backslash */
  joinNext: boolean;
};

export function indentOf(text: string): number {
  return /^[ \t]*/.exec(text)![0].replace(/\t/g, "    ").length;
}

export function makeLine(
  n: number,
  text: string,
  code: string,
  comment = "",
  extra: Partial<SourceLine> = {},
): SourceLine {
  return { n, text, code, comment, doc: false, indent: indentOf(text), joinNext: false, ...extra };
}

/**
 * Parentheses and square brackets opened minus closed, outside strings. Braces do not count:
 * in JavaScript they open blocks, and a function body is not one statement.
 */
export function bracketDelta(code: string): number {
  let delta = 0;
  let quote = "";
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[") delta++;
    else if (c === ")" || c === "]") delta--;
  }
  return delta;
}
