import type { FileType } from "../file-type";
import { lexCLike, lexHash } from "./lex-hash";
import { lexPython } from "./lex-python";
import { makeLine, type SourceLine } from "./source-line";

export type Statement = {
  /** first and last physical line */
  start: number;
  end: number;
  /** the code of its lines joined by newlines (comments removed) */
  code: string;
  lines: SourceLine[];
};

/** Splits a file into lines with their comments separated, as its language reads them. */
export function lexSource(type: FileType, text: string): SourceLine[] {
  const texts = text.split(/\r?\n/);
  if (texts.length > 0 && texts[texts.length - 1] === "") texts.pop();
  switch (type) {
    case "python":
      return lexPython(texts);
    case "shell":
      return lexHash(texts, { inline: true, backslash: true, heredocs: true });
    case "dockerfile":
      return lexHash(texts, { inline: false, backslash: true, heredocs: true });
    case "yaml":
    case "env":
    case "toml":
      return lexHash(texts, { inline: true, backslash: false, heredocs: false });
    case "crontab":
    case "procfile":
    case "text":
      return lexHash(texts, { inline: false, backslash: false, heredocs: false });
    case "systemd":
    case "ini":
      return lexHash(texts, { inline: false, lineMarkers: [";"], backslash: true, heredocs: false });
    case "script":
      return lexCLike(texts, "//");
    case "sql":
      return lexCLike(texts, "--");
    case "docs":
      return texts.map((t, i) => makeLine(i + 1, t, t, "", { doc: true, joinNext: /\\$/.test(t) }));
    case "json":
    case "ignore":
      return texts.map((t, i) => makeLine(i + 1, t, t));
  }
}

/** Longer runs are not one statement but an unclosed bracket; they fall back to single lines. */
const MAX_STATEMENT_LINES = 40;

/** Groups lines into statements (a call over several lines, a command continued with `\`). */
export function toStatements(lines: SourceLine[]): Statement[] {
  const out: Statement[] = [];
  let run: SourceLine[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const groups = run.length > MAX_STATEMENT_LINES ? run.map((line) => [line]) : [run];
    for (const group of groups) {
      if (group.every((line) => line.code.trim() === "")) continue;
      out.push({
        start: group[0]!.n,
        end: group[group.length - 1]!.n,
        code: group.map((line) => line.code).join("\n"),
        lines: group,
      });
    }
    run = [];
  };
  for (const line of lines) {
    run.push(line);
    if (!line.joinNext) flush();
  }
  flush();
  return out;
}
