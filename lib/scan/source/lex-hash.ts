import { bracketDelta, makeLine, type SourceLine } from "./source-line";

export type HashStyle = {
  /** a `#` after whitespace also starts a comment (shell, YAML, env); else only a whole-line comment */
  inline: boolean;
  /** extra whole-line comment markers (`;` in systemd and ini files) */
  lineMarkers?: string[];
  /** a trailing backslash continues the statement (shell, Dockerfile) */
  backslash: boolean;
  /** shell heredocs: their body is data (SQL fed to sqlite3, a crontab), kept whole */
  heredocs: boolean;
};

/** Lines of the `#`-comment languages: shell, YAML, env files, crontabs, Dockerfiles, systemd, TOML, ini. */
export function lexHash(texts: string[], style: HashStyle): SourceLine[] {
  const out: SourceLine[] = [];
  let heredocEnd = "";
  texts.forEach((text, index) => {
    const n = index + 1;
    if (heredocEnd) {
      if (text.trim() === heredocEnd) heredocEnd = "";
      out.push(makeLine(n, text, text));
      return;
    }
    const trimmed = text.trimStart();
    const marker = ["#", ...(style.lineMarkers ?? [])].find((m) => trimmed.startsWith(m));
    if (marker && !trimmed.startsWith("#!")) {
      out.push(makeLine(n, text, "", trimmed.slice(marker.length).trim()));
      return;
    }
    const cut = style.inline ? inlineCommentAt(text) : -1;
    const code = (cut < 0 ? text : text.slice(0, cut)).replace(/\s+$/, "");
    const comment = cut < 0 ? "" : text.slice(cut + 1).trim();
    if (style.heredocs) {
      const heredoc = /<<-?\s*(['"]?)([A-Za-z_]\w*)\1/.exec(code);
      if (heredoc) heredocEnd = heredoc[2]!;
    }
    const joinNext = style.backslash && /\\$/.test(code);
    out.push(makeLine(n, text, code, comment, { joinNext }));
  });
  return out;
}

/** A `#` at the start of a word and outside quotes, as shell and YAML read it. */
function inlineCommentAt(text: string): number {
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") {
      // An apostrophe inside a word ("don't") opens nothing.
      if (c === "'" && i > 0 && /\w/.test(text[i - 1]!)) continue;
      quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) return i;
  }
  return -1;
}

/** JavaScript, TypeScript and HTML: `//` and block comments; a statement goes on while a bracket is open. */
export function lexCLike(texts: string[], lineMarker: string): SourceLine[] {
  const out: SourceLine[] = [];
  let inBlock = false;
  let depth = 0;
  texts.forEach((text, index) => {
    let code = "";
    let comment = "";
    let quote = "";
    for (let i = 0; i < text.length; i++) {
      if (inBlock) {
        const end = text.indexOf("*/", i);
        comment += text.slice(i, end < 0 ? text.length : end);
        if (end < 0) break;
        inBlock = false;
        i = end + 1;
        continue;
      }
      const c = text[i]!;
      if (quote) {
        code += c;
        if (c === "\\") code += text[++i] ?? "";
        else if (c === quote) quote = "";
      } else if (text.startsWith(lineMarker, i)) {
        comment += text.slice(i + lineMarker.length);
        break;
      } else if (text.startsWith("/*", i)) {
        inBlock = true;
        i++;
      } else {
        if (c === '"' || c === "'" || c === "`") quote = c;
        code += c;
      }
    }
    code = code.replace(/\s+$/, "");
    depth = Math.max(0, depth + bracketDelta(code));
    out.push(makeLine(index + 1, text, code, comment.replace(/^[\s*]+/, "").trim(), { joinNext: depth > 0 }));
  });
  return out;
}
