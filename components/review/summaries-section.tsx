import { FoldedValue } from "@/components/diff/folded-value";
import { HtmlPreview } from "@/components/diff/html-preview";
import { WordDiffView } from "@/components/diff/word-diff-view";
import type { DetailSummary } from "@/lib/review/record-summaries";

const FROM: Record<string, string> = {
  nas: "NAS",
  dashboard: "Dashboard",
  both: "both (same text)",
  generated: "neither: the copy's placeholder, so the Dashboard lists the video",
};

/** Per variant and revision: where it comes from, the NAS → Dashboard word diff, and PostgreSQL's text and HTML. */
export function SummariesSection({ summaries }: { summaries: DetailSummary[] }) {
  return (
    <section aria-labelledby="summaries-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="summaries-heading" className="font-semibold">
        Summaries ({summaries.length})
      </h2>
      {summaries.length === 0 ? <p className="text-sm text-stone-600">No summaries on any side.</p> : null}
      {summaries.map((s) => (
        <details
          key={s.key}
          // a conflict, a mismatch in PostgreSQL or a text only one side has: what the owner must see, open from the start
          open={s.conflict || s.targetMatches === false || s.nas === null || s.dashboard === null}
          className="rounded border border-stone-200"
        >
          <summary className="cursor-pointer px-3 py-2 text-sm">
            <span className="font-mono font-medium">{s.variant}</span>, revision {s.revision}
            {s.isLatest ? " (latest)" : ""} · from {s.source ? FROM[s.source] : "— (not in the plan)"}
            {s.conflict ? <span className="font-medium text-amber-900"> · ≠ the sides disagree</span> : null}
            {s.targetMatches === true ? (
              <span className="text-emerald-800"> · ✓ PostgreSQL holds this text</span>
            ) : null}
            {s.targetMatches === false ? (
              <span className="font-medium text-red-800"> · ✕ PostgreSQL holds another text</span>
            ) : null}
            {s.postgres === null ? <span className="text-stone-600"> · ∅ not in PostgreSQL</span> : null}
          </summary>
          <div className="space-y-3 border-t border-stone-200 p-3">
            {s.sidesDiff ? (
              <WordDiffView result={s.sidesDiff} leftLabel="NAS" rightLabel="Dashboard" />
            ) : s.source === "generated" ? null : (
              // a div, not a p: the folded value renders a block (<pre>, <details>), which a <p> cannot hold
              <div className="text-sm">
                <span className="font-medium">{s.nas !== null ? "NAS" : "Dashboard"} only:</span>{" "}
                <FoldedValue value={s.nas ?? s.dashboard} maxChars={400} />
              </div>
            )}
            {s.postgres ? (
              <div>
                <p className="mb-1 text-xs font-medium text-stone-700">Rendered HTML as PostgreSQL holds it</p>
                <HtmlPreview
                  html={s.postgres.html}
                  title={`${s.variant}, revision ${s.revision}, as PostgreSQL holds it`}
                  heightClassName="h-48"
                />
              </div>
            ) : null}
          </div>
        </details>
      ))}
    </section>
  );
}
