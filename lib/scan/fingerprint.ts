import { createHash } from "node:crypto";
import { kindRank } from "./kinds";
import type { Hit } from "./rules/hit";
import type { ScanFinding } from "./types";

/** The snippet as a fingerprint sees it: whitespace does not matter, so re-indenting keeps an acknowledgement. */
export function normalizeSnippet(snippet: string): string {
  return snippet.replace(/\s+/g, " ").trim();
}

/**
 * Stable across line shifts: folder, file, kind and normalized snippet, plus the occurrence
 * (the nth identical snippet of that kind in that file), so two identical lines stay two findings.
 */
export function findingFingerprint(
  folder: string,
  file: string,
  kind: string,
  snippet: string,
  occurrence: number,
): string {
  return createHash("sha256")
    .update([folder, file, kind, normalizeSnippet(snippet), String(occurrence)].join("\0"))
    .digest("hex")
    .slice(0, 16);
}

/**
 * One finding per line (the most specific kind wins, then the first rule), one per file and
 * kind for whole-file findings; sorted by file, line, kind; fingerprinted.
 */
export function toFindings(folder: string, hits: Array<Hit & { file: string }>): ScanFinding[] {
  const best = new Map<string, Hit & { file: string }>();
  for (const hit of hits) {
    const key = hit.line > 0 ? `${hit.file}\0${hit.line}` : `${hit.file}\0${hit.line}\0${hit.kind}`;
    const kept = best.get(key);
    if (!kept || kindRank(hit.kind) < kindRank(kept.kind)) best.set(key, hit);
  }
  const sorted = [...best.values()].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || kindRank(a.kind) - kindRank(b.kind),
  );
  const seen = new Map<string, number>();
  return sorted.map((hit) => {
    const snippet = hit.snippet ?? "";
    const key = `${hit.file}\0${hit.kind}\0${normalizeSnippet(snippet)}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return {
      folder,
      file: hit.file,
      line: hit.line,
      kind: hit.kind,
      snippet,
      why: hit.why,
      fingerprint: findingFingerprint(folder, hit.file, hit.kind, snippet, occurrence),
      rule: hit.rule,
      ...(hit.commit ? { commit: hit.commit } : {}),
    };
  });
}
