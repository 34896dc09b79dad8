/**
 * Summary text → HTML, rendered on the server and escaped: the text never contributes markup,
 * only these elements do. Blank lines separate paragraphs (`<p>`); a single newline inside a
 * paragraph is `<br>`; consecutive lines starting with `- `, `• ` or `* ` form a `<ul>`. Blocks
 * are joined with a newline so the output is stable for hashing. Empty text → "" (html is NOT NULL).
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const BULLET = /^\s*(?:[-•*])\s+(.*)$/;

export function renderSummaryHtml(text: string | null | undefined): string {
  if (!text) return "";
  const blocks: string[] = [];
  const paragraphs = text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/);
  for (const paragraph of paragraphs) {
    const lines = paragraph.split("\n").filter((line) => line.trim() !== "");
    let run: string[] = [];
    let list: string[] = [];
    const flushRun = () => {
      if (run.length) blocks.push(`<p>${run.map((line) => escapeHtml(line.trim())).join("<br>")}</p>`);
      run = [];
    };
    const flushList = () => {
      if (list.length) blocks.push(`<ul>${list.map((item) => `<li>${escapeHtml(item.trim())}</li>`).join("")}</ul>`);
      list = [];
    };
    for (const line of lines) {
      const bullet = BULLET.exec(line);
      if (bullet) {
        flushRun();
        list.push(bullet[1]);
      } else {
        flushList();
        run.push(line);
      }
    }
    flushRun();
    flushList();
  }
  return blocks.join("\n");
}
