/**
 * Summary text → HTML, rendered on the server and escaped: the text never contributes markup,
 * only these elements do, with the classes the old Dashboard's reader styles (YTV2-CONTRACT.md
 * §3). Blank lines separate paragraphs (`<p>`); a single newline inside a paragraph is `<br>`;
 * consecutive lines starting with `- `, `• ` or `* ` form a `<ul class="kp-list">`; a short line
 * ending in a colon (`Key points:`) is a `<h3 class="kp-heading">` without it; a line starting
 * `Bottom line:` or `Takeaway:` is a `<p class="kp-takeaway">` with that label in `<strong>`.
 * Blocks are joined with a newline so the output is stable for hashing. Empty text renders
 * as the old formatter's "No summary available.", so every summary's html shows something.
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

const HTML_SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // most text has nothing to escape: a test is cheaper than a replace with a callback
  return HTML_SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]) : text;
}

const BULLET = /^\s*(?:[-•*])\s+(.*)$/;
/** The old formatter's heading: a letter, then up to 60 of letters, digits, _, space, - or /, then a colon. */
const HEADING = /^[A-Za-z][\w \-/]{1,60}:$/;
const TAKEAWAY = /^(bottom line|takeaway):\s*(.*)$/i;

export const EMPTY_SUMMARY_HTML = "<p>No summary available.</p>";

/**
 * False when BULLET cannot match `line`: its first character is printable ASCII that is neither
 * a bullet mark nor whitespace (`\s` is all below 0x21 or above 0x7f). Skips the regex for most lines.
 */
function mayBeBullet(line: string): boolean {
  const first = line.charCodeAt(0);
  return first <= 0x20 || first >= 0x7f || first === 0x2d || first === 0x2a;
}

export function renderSummaryHtml(text: string | null | undefined): string {
  if (!text) return EMPTY_SUMMARY_HTML;
  // Escaping the whole text once gives what escaping each line would: it never adds or removes
  // whitespace, newlines or bullet marks, so paragraphs, lines and bullets split the same.
  const escaped = escapeHtml(text.indexOf("\r") === -1 ? text : text.replace(/\r\n?/g, "\n"));
  const blocks: string[] = [];
  let run: string[] = [];
  let list: string[] = [];
  // at most one of run and list holds lines: each line kind flushes the other
  const flush = () => {
    if (run.length) blocks.push(`<p>${run.join("<br>")}</p>`);
    if (list.length) blocks.push(`<ul class="kp-list"><li>${list.join("</li><li>")}</li></ul>`);
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
    const label = mayBeLabel(trimmed) ? TAKEAWAY.exec(trimmed) : null;
    if (label) {
      flush();
      const rest = label[2]!.trim();
      blocks.push(`<p class="kp-takeaway"><strong>${label[1]}:</strong>${rest ? ` ${rest}` : ""}</p>`);
      continue;
    }
    if (trimmed.charCodeAt(trimmed.length - 1) === 0x3a && HEADING.test(trimmed)) {
      flush();
      blocks.push(`<h3 class="kp-heading">${trimmed.slice(0, -1).trim()}</h3>`);
      continue;
    }
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
  return blocks.length ? blocks.join("\n") : EMPTY_SUMMARY_HTML;
}

/** False when TAKEAWAY cannot match: the line starts with neither b nor t. Skips the regex for most lines. */
function mayBeLabel(line: string): boolean {
  const first = line.charCodeAt(0) | 0x20;
  return first === 0x62 || first === 0x74;
}

/** True for "" and for a line of only spaces and tabs. */
function isSpacesAndTabs(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}
