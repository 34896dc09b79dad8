/** The arguments of the call whose `(` is at `open`, split at top-level commas; undefined if it never closes. */
export function callArgs(code: string, open: number): string[] | undefined {
  const args: string[] = [];
  let depth = 0;
  let quote = "";
  let start = open + 1;
  for (let i = open; i < code.length; i++) {
    const c = code[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth === 0) {
        args.push(code.slice(start, i).trim());
        return args.filter(Boolean);
      }
    } else if (c === "," && depth === 1) {
      args.push(code.slice(start, i).trim());
      start = i + 1;
    }
  }
  return undefined;
}

/** Every call of `pattern` (which must end at the call's `(`) with its arguments and the text before it. */
export function calls(code: string, pattern: RegExp): Array<{ args: string[]; before: string }> {
  const out: Array<{ args: string[]; before: string }> = [];
  const re = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) {
    const open = m.index + m[0].length - 1;
    const args = callArgs(code, open);
    if (args) out.push({ args, before: code.slice(0, m.index) });
  }
  return out;
}
