import type { Side } from "./choose";
import { canonicalJson } from "./transforms";

/**
 * DESIGN.md's summary union for one video: by (variant, revision), `summary_variants` first,
 * then the old `content_summaries` (revision 1), then `content.summary` (comprehensive,
 * revision 1) only where nothing else gives that variant. Same key, different text: the newer
 * created_at wins, the Dashboard on a tie. The highest revision of a variant is the latest.
 */
/** `generated`: the copy's placeholder for a video the Dashboard would otherwise not list (placeholder.ts). */
export type SummaryTable = "summary_variants" | "content_summaries" | "content" | "generated";
const TIER: Record<SummaryTable, number> = { summary_variants: 0, content_summaries: 1, content: 2, generated: 3 };

export type SummaryCandidate = {
  side: Side | "generated";
  table: SummaryTable;
  /** the source row's primary key (summary_variants.id, content_summaries.id, content.id) */
  sourceKey: string;
  variant: string;
  revision: number;
  text: string | null;
  rawJson: unknown;
  createdAt: string | null;
  updatedAt: string | null;
  /** for ties inside one side: the later-written row wins */
  rowid: number;
};

export type MergedSummary = {
  variant: string;
  revision: number;
  chosen: SummaryCandidate;
  /** "both" when the sides gave the same text for this key; "generated" for the placeholder */
  from: Side | "both" | "generated";
  /** the sides (or two rows of one side) gave different text: the owner sees it in the diff */
  conflict: boolean;
  isLatest: boolean;
  /** rows that gave this key but lost: in the target by key, shown in the diff */
  shadowed: SummaryCandidate[];
};

const keyOf = (c: { variant: string; revision: number }) => `${c.variant}\u0001${c.revision}`;
const sameContent = (a: SummaryCandidate, b: SummaryCandidate) =>
  a.text === b.text && canonicalJson(a.rawJson ?? null) === canonicalJson(b.rawJson ?? null);

function newer(a: SummaryCandidate, b: SummaryCandidate): SummaryCandidate {
  const at = (c: SummaryCandidate) => (c.createdAt === null ? "" : c.createdAt);
  if (at(a) !== at(b)) return at(a) > at(b) ? a : b; // parsed ISO-8601 UTC text sorts as instants
  if (a.side !== b.side) return a.side === "dashboard" ? a : b;
  return a.rowid >= b.rowid ? a : b;
}

export function unionSummaries(candidates: SummaryCandidate[]): MergedSummary[] {
  const variantsWithRows = new Set(candidates.filter((c) => c.table !== "content").map((c) => c.variant));
  const groups = new Map<string, SummaryCandidate[]>();
  for (const candidate of candidates) {
    if (candidate.table === "content" && variantsWithRows.has(candidate.variant)) continue;
    const list = groups.get(keyOf(candidate));
    if (list) list.push(candidate);
    else groups.set(keyOf(candidate), [candidate]);
  }
  const merged: MergedSummary[] = [];
  for (const group of groups.values()) {
    const bestTier = Math.min(...group.map((c) => TIER[c.table]));
    const contenders = group.filter((c) => TIER[c.table] === bestTier);
    const allSame = contenders.every((c) => sameContent(c, contenders[0]!));
    const chosen = allSame
      ? (contenders.find((c) => c.side === "dashboard") ?? contenders[0]!)
      : contenders.reduce(newer);
    const sides = new Set(contenders.map((c) => c.side));
    merged.push({
      variant: chosen.variant,
      revision: chosen.revision,
      chosen,
      from: allSame && sides.size === 2 ? "both" : chosen.side,
      conflict: !allSame,
      isLatest: false,
      shadowed: group.filter((c) => c !== chosen),
    });
  }
  const top = new Map<string, number>();
  for (const s of merged) top.set(s.variant, Math.max(top.get(s.variant) ?? 0, s.revision));
  for (const s of merged) s.isLatest = top.get(s.variant) === s.revision;
  return merged.sort((a, b) => (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : a.revision - b.revision));
}
