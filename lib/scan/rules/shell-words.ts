/**
 * Just enough shell reading for the rules: split a command line into simple commands (at `&&`,
 * `||`, `;`, `|`, newlines, `then`, `do`, `else`) and those into words, quotes removed. Prefixes
 * (`sudo`, `VAR=value`, `RUN`, `ExecStart=`, a cron schedule) are left for the caller to skip.
 */
export function simpleCommands(code: string): string[][] {
  return code
    .replace(/\\\n/g, " ")
    .split(/&&|\|\||[;|\n]|\bthen\b|\bdo\b|\belse\b/)
    .map((segment) => words(segment))
    .filter((ws) => ws.length > 0);
}

export function words(segment: string): string[] {
  const out: string[] = [];
  const re = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(segment))) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Words that are not options. */
export function operands(command: string[]): string[] {
  return command.slice(1).filter((w) => !w.startsWith("-"));
}

/** `host:path`, `user@host:path`, `rsync://…`, `s3://…`; not `C:\` or a plain path. */
export function isRemoteSpec(word: string): boolean {
  return /^[a-z][\w+.-]*:\/\//i.test(word) || /^(?:[\w.-]+@)?[\w.-]{2,}:(?!\/\/)/.test(word);
}

/** The argument list of a subprocess call, as the command line it runs. */
export function argvText(code: string): string {
  const open = code.indexOf("(");
  return code.slice(open + 1).replace(/[[\]'"(),]/g, " ");
}

export const SUBPROCESS =
  /\b(?:subprocess\.\w+|os\.(?:system|popen|exec\w*|spawn\w*)|Popen|create_subprocess_(?:exec|shell)|check_output|check_call|run_path|execSync|execFileSync|spawnSync|execFile|spawn|exec)\s*\(/;
