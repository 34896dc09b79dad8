/** Escaping for the report's HTML: every value from the data goes through `esc`, text and attributes alike. */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A table whose header repeats on each printed page and whose rows do not split. Cells are HTML already escaped. */
export function table(columns: string[], rows: string[][], options: { caption?: string; className?: string } = {}) {
  const head = columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("");
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  const caption = options.caption ? `<caption>${esc(options.caption)}</caption>` : "";
  const cls = options.className ? ` class="${esc(options.className)}"` : "";
  return `<table${cls}>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A state as a symbol and a word, so it reads without colour (and prints in black and white). */
const MARKS: Record<string, string> = {
  approved: "✓",
  passed: "●",
  ready: "○",
  running: "↻",
  failed: "✕",
  locked: "⊘",
  cancelled: "✕",
  interrupted: "✕",
  ok: "✓",
  identical: "✓",
  different: "✕",
  differs: "✕",
  missing: "✕",
  kept_out: "–",
  unknown: "?",
  not_run: "…",
  recorded: "✓",
};

export function mark(state: string, word: string = state.replace(/_/g, " ")): string {
  const tone = ["✓", "●"].includes(MARKS[state] ?? "") ? "good" : MARKS[state] === "✕" ? "bad" : "neutral";
  return `<span class="state ${tone}">${esc(MARKS[state] ?? "·")} ${esc(word)}</span>`;
}
