import { wordDiff, type WordDiffResult } from "@/lib/diff/word-diff";
import type { readRecordSides } from "@/lib/merge/record-sides";
import { extractSummaryText } from "@/lib/merge/transforms";

/**
 * One record's summaries for the detail: per (variant, revision) where the plan takes it from,
 * each source's text, a word diff NAS → Dashboard when both have it, and the text and HTML
 * PostgreSQL holds, with whether that text is the chosen side's.
 */
type Sides = Awaited<ReturnType<typeof readRecordSides>>;
type PlanSummary = {
  variant: string;
  revision: number;
  source: string;
  sourceTable: string;
  isLatest: boolean;
  conflict: boolean;
};

export type DetailSummary = {
  key: string;
  variant: string;
  revision: number;
  source: string | null;
  isLatest: boolean;
  conflict: boolean;
  nas: string | null;
  dashboard: string | null;
  sidesDiff: WordDiffResult | null;
  postgres: { text: string; html: string; isLatest: boolean } | null;
  /** PostgreSQL's text equals the chosen source's; null when there is nothing to compare */
  targetMatches: boolean | null;
};

function sideText(side: Sides["nas"], variant: string, revision: number, fromContent: boolean): string | null {
  if (!side) return null;
  const rows = side.summaries.filter((s) => s.variant === variant && s.revision === revision);
  const row = rows.find((s) => s.table === "summary_variants") ?? rows[0];
  if (row) return row.text;
  if (fromContent && variant === "comprehensive" && revision === 1 && side.rows.length) {
    return extractSummaryText(side.rows.at(-1)!.summary).text;
  }
  return null;
}

/**
 * The summaries the sources hold, for a record the plan kept out (a resurrection candidate, a
 * skipped NAS-new video): the plan merged none of them, yet the owner deciding must see them.
 */
function sideSummaryKeys(sides: Sides): { variant: string; revision: number }[] {
  const keys: { variant: string; revision: number }[] = [];
  for (const side of [sides.nas, sides.dashboard]) {
    if (!side) continue;
    for (const s of side.summaries) if (s.variant) keys.push({ variant: s.variant, revision: s.revision });
    const content = side.rows.at(-1)?.summary;
    if (content !== undefined && extractSummaryText(content).text) keys.push({ variant: "comprehensive", revision: 1 });
  }
  return keys;
}

export function detailSummaries(plan: PlanSummary[], sides: Sides): DetailSummary[] {
  const pg = (sides.postgres?.summaries ?? []) as {
    variant: string;
    revision: number;
    text: string;
    html: string;
    is_latest: boolean;
  }[];
  const keys = new Map<string, { variant: string; revision: number }>();
  for (const s of [...plan, ...pg, ...(plan.length === 0 ? sideSummaryKeys(sides) : [])])
    keys.set(`${s.variant}/${s.revision}`, { variant: s.variant, revision: s.revision });
  return [...keys.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, { variant, revision }]) => {
      const planned = plan.find((s) => s.variant === variant && s.revision === revision);
      // a record the plan kept out (then restored) has no planned rows: look everywhere
      const fromContent = planned ? planned.sourceTable === "content" : true;
      const nas = sideText(sides.nas, variant, revision, fromContent);
      const dashboard = sideText(sides.dashboard, variant, revision, fromContent);
      const target = pg.find((s) => s.variant === variant && s.revision === revision);
      const chosenText = planned?.source === "nas" ? nas : (dashboard ?? nas);
      return {
        key,
        variant,
        revision,
        source:
          planned?.source ??
          (nas !== null ? (dashboard !== null ? "both" : "nas") : dashboard !== null ? "dashboard" : null),
        isLatest: planned?.isLatest ?? false,
        conflict: planned?.conflict ?? false,
        nas,
        dashboard,
        sidesDiff: nas !== null && dashboard !== null ? wordDiff(nas, dashboard) : null,
        postgres: target ? { text: target.text, html: target.html, isLatest: target.is_latest } : null,
        targetMatches: target && chosenText !== null ? target.text === chosenText : null,
      };
    });
}
