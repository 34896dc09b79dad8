import { myersDiff, type EditOp } from "./myers";

/**
 * Word-level diff of two texts for the record detail (summaries, titles). Tokens keep every
 * character — words, whitespace runs and single punctuation marks — so the segments re-join
 * to each side exactly: same + removed = left, same + added = right.
 *
 * The work is bounded: Myers' algorithm costs O((N+M)·D), so beyond `maxTokens` tokens or
 * `maxEdits` edits the diff falls back to lines, then to replacing the whole text, and the
 * result says which mode it used and why, so the page can tell the owner.
 */
export type DiffSegment = { kind: "same" | "added" | "removed"; text: string };
export type DiffMode = "word" | "line" | "whole";
export type LineEnding = "lf" | "crlf" | "cr" | "mixed" | "none";

export type WordDiffResult = {
  segments: DiffSegment[];
  mode: DiffMode;
  /** true when the two texts (after line-ending normalization, if on) are equal */
  identical: boolean;
  /** one sentence for the owner when a coarser mode than words was used */
  note?: string;
  /** line endings of each side as given; they can differ while the text is identical */
  lineEndings: { left: LineEnding; right: LineEnding };
};

export type WordDiffOptions = {
  /** compare CRLF and CR as LF (default true); the segments then re-join to the normalized text */
  normalizeLineEndings?: boolean;
  /** tokens on both sides together (after the common prefix and suffix) before falling back to lines */
  maxTokens?: number;
  /** edits (insertions + deletions) before falling back; bounds time and memory */
  maxEdits?: number;
};

const DEFAULTS = { maxTokens: 20_000, maxEdits: 1_500 };

// letters/digits (any script) as words, whitespace runs, and each other character on its own
const TOKEN = /[\p{L}\p{M}\p{N}_]+|\s+|[^\p{L}\p{M}\p{N}_\s]/gu;

export function tokenizeWords(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Lines with their terminators, so they re-join exactly. */
export function tokenizeLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function detectLineEnding(text: string): LineEnding {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const kinds = [crlf > 0, lf > 0, cr > 0].filter(Boolean).length;
  if (kinds === 0) return "none";
  if (kinds > 1) return "mixed";
  return crlf > 0 ? "crlf" : lf > 0 ? "lf" : "cr";
}

export function wordDiff(
  left: string | null | undefined,
  right: string | null | undefined,
  options: WordDiffOptions = {},
): WordDiffResult {
  const maxTokens = options.maxTokens ?? DEFAULTS.maxTokens;
  const maxEdits = options.maxEdits ?? DEFAULTS.maxEdits;
  const rawLeft = left ?? "";
  const rawRight = right ?? "";
  const lineEndings = { left: detectLineEnding(rawLeft), right: detectLineEnding(rawRight) };
  const normalize = options.normalizeLineEndings ?? true;
  const a = normalize ? rawLeft.replace(/\r\n?/g, "\n") : rawLeft;
  const b = normalize ? rawRight.replace(/\r\n?/g, "\n") : rawRight;

  if (a === b) return { segments: a ? [{ kind: "same", text: a }] : [], mode: "word", identical: true, lineEndings };
  if (a === "" || b === "") {
    return { segments: wholeReplace(a, b), mode: "word", identical: false, lineEndings };
  }

  const words = diffTokens(tokenizeWords(a), tokenizeWords(b), maxTokens, maxEdits);
  if (words) return { segments: tidy(words), mode: "word", identical: false, lineEndings };

  const lines = diffTokens(tokenizeLines(a), tokenizeLines(b), maxTokens, maxEdits);
  // a line diff with no line in common is a whole replacement; say that rather than "line by line"
  if (lines?.some((segment) => segment.kind === "same")) {
    const note = "The texts differ too much for a word-by-word comparison; they are compared line by line.";
    return { segments: tidy(lines), mode: "line", identical: false, lineEndings, note };
  }
  const note = "The texts differ too much to compare piece by piece; the whole text is shown as replaced.";
  return { segments: wholeReplace(a, b), mode: "whole", identical: false, lineEndings, note };
}

/** The text of one side, re-joined from the segments. */
export function joinSide(segments: readonly DiffSegment[], side: "left" | "right"): string {
  const skip = side === "left" ? "added" : "removed";
  return segments
    .filter((segment) => segment.kind !== skip)
    .map((segment) => segment.text)
    .join("");
}

function wholeReplace(a: string, b: string): DiffSegment[] {
  const segments: DiffSegment[] = [];
  if (a) segments.push({ kind: "removed", text: a });
  if (b) segments.push({ kind: "added", text: b });
  return segments;
}

function diffTokens(a: string[], b: string[], maxTokens: number, maxEdits: number): DiffSegment[] | null {
  // the common prefix and suffix cost nothing and usually cover most of a lightly edited text
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (endA - start + (endB - start) > maxTokens) return null;

  // integers compare faster than strings in the inner loop
  const ids = new Map<string, number>();
  const toIds = (tokens: string[], from: number, to: number) => {
    const out = new Int32Array(to - from);
    for (let i = from; i < to; i++) {
      let id = ids.get(tokens[i]);
      if (id === undefined) ids.set(tokens[i], (id = ids.size));
      out[i - from] = id;
    }
    return out;
  };
  const ops = myersDiff(toIds(a, start, endA), toIds(b, start, endB), maxEdits);
  if (!ops) return null;

  const segments: DiffSegment[] = [];
  const push = (kind: DiffSegment["kind"], text: string) => {
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) last.text += text;
    else if (text) segments.push({ kind, text });
  };
  push("same", a.slice(0, start).join(""));
  for (const op of ops) pushOp(op, a, b, start, push);
  push("same", a.slice(endA).join(""));
  return segments;
}

function pushOp(
  op: EditOp,
  a: string[],
  b: string[],
  offset: number,
  push: (kind: DiffSegment["kind"], text: string) => void,
) {
  if (op.kind === "same") push("same", a.slice(offset + op.aFrom, offset + op.aTo).join(""));
  else if (op.kind === "removed") push("removed", a.slice(offset + op.aFrom, offset + op.aTo).join(""));
  else push("added", b.slice(offset + op.bFrom, offset + op.bTo).join(""));
}

/**
 * Readability: a lone space or punctuation mark left "same" between two changes splits one
 * rewritten phrase into confetti, so it joins the change; each change run is then shown as
 * one removal followed by one addition. Both sides still re-join exactly.
 */
function tidy(segments: DiffSegment[]): DiffSegment[] {
  const absorbed = segments.map((segment, i) => {
    const between = i > 0 && i < segments.length - 1;
    const small = segment.kind === "same" && segment.text.length <= 1;
    return between && small && segments[i - 1].kind !== "same" && segments[i + 1].kind !== "same"
      ? [
          { kind: "removed" as const, text: segment.text },
          { kind: "added" as const, text: segment.text },
        ]
      : [segment];
  });
  const out: DiffSegment[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed) out.push({ kind: "removed", text: removed });
    if (added) out.push({ kind: "added", text: added });
    removed = added = "";
  };
  for (const segment of absorbed.flat()) {
    if (segment.kind === "removed") removed += segment.text;
    else if (segment.kind === "added") added += segment.text;
    else {
      flush();
      out.push(segment);
    }
  }
  flush();
  return out;
}
