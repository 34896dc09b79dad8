/**
 * Summary text → HTML, rendered on the server and escaped: the text never contributes markup,
 * only these elements do. Blank lines separate paragraphs (`<p>`); a single newline inside a
 * paragraph is `<br>`; consecutive lines starting with `- `, `• ` or `* ` form a `<ul>`. Blocks
 * are joined with a newline so the output is stable for hashing. Empty text → "" (html is NOT NULL).
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

const HTML_SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // most text has nothing to escape: a test is cheaper than a replace with a callback
  return HTML_SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]) : text;
}

const BULLET = /^\s*(?:[-•*])\s+(.*)$/;

/**
 * False when BULLET cannot match `line`: its first character is printable ASCII that is neither
 * a bullet mark nor whitespace (`\s` is all below 0x21 or above 0x7f). Skips the regex for most lines.
 */
function mayBeBullet(line: string): boolean {
  const first = line.charCodeAt(0);
  return first <= 0x20 || first >= 0x7f || first === 0x2d || first === 0x2a;
}

export function renderSummaryHtml(text: string | null | undefined): string {
  if (!text) return "";
  // Escaping the whole text once gives what escaping each line would: it never adds or removes
  // whitespace, newlines or bullet marks, so paragraphs, lines and bullets split the same.
  const escaped = escapeHtml(text.indexOf("\r") === -1 ? text : text.replace(/\r\n?/g, "\n"));
  const blocks: string[] = [];
  let run: string[] = [];
  let list: string[] = [];
  // at most one of run and list holds lines: each line kind flushes the other
  const flush = () => {
    if (run.length) blocks.push(`<p>${run.join("<br>")}</p>`);
    if (list.length) blocks.push(`<ul><li>${list.join("</li><li>")}</li></ul>`);
    run = [];
    list = [];
  };
  // One pass over the lines instead of splitting paragraphs by regex first: a line of only spaces
  // and tabs is exactly where `\n[ \t]*\n` would have ended a paragraph; other blank lines are skipped.
  for (const line of escaped.split("\n")) {
    if (isSpacesAndTabs(line)) {
      flush();
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const bullet = mayBeBullet(line) ? BULLET.exec(line) : null;
    if (bullet) {
      if (run.length) flush();
      list.push(bullet[1].trim());
    } else {
      if (list.length) flush();
      run.push(trimmed);
    }
  }
  flush();
  return blocks.join("\n");
}

/** True for "" and for a line of only spaces and tabs. */
function isSpacesAndTabs(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}
