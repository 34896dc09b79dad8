import { formatTime } from "@/components/format";
import type { Placement, RecordDetail } from "@/lib/review/record-detail";

export const PLACEMENT_WORDS: Record<Placement, string> = {
  copied: "copied to PostgreSQL",
  "will-be-copied": "will be copied to PostgreSQL by the next copy",
  "kept-out": "kept out of PostgreSQL",
  "will-be-removed": "still in PostgreSQL: the next copy takes it out",
  unknown: "PostgreSQL not read",
};

/** "copied to PostgreSQL (your decision)": where the record stands now, and whose choice that is. */
export function placementLine(detail: RecordDetail): string {
  const decided = detail.decisions.some((decision) => decision.field === "*");
  const whose = decided || detail.record.action !== detail.record.defaultAction ? "your decision" : "default";
  return `${PLACEMENT_WORDS[detail.placement]} (${whose})`;
}

/**
 * What matters first about a video only the NAS has: whether it is on the Dashboard and in
 * PostgreSQL, what happens by default, and what the other choice does, in the words of
 * its current state.
 */
export function NasOnlyFacts({ detail }: { detail: RecordDetail }) {
  const { record } = detail;
  const candidate = record.mergeCase === "resurrection_candidate";
  if (!candidate && record.mergeCase !== "nas_new") return null;
  const indexed = detail.fieldRows.find((row) => row.field === "indexed_at")?.values.nas;
  const mark = formatTime(detail.highWaterMark);
  const when = typeof indexed === "string" ? formatTime(indexed) : "at an unknown time";
  return (
    <section
      aria-labelledby="facts-heading"
      className={`space-y-2 rounded-lg border p-4 text-sm ${candidate ? "border-red-200 bg-red-50 text-red-950" : "border-indigo-200 bg-indigo-50 text-indigo-950"}`}
    >
      <h2 id="facts-heading" className="text-base font-semibold">
        {candidate ? "Probably deleted on the Dashboard" : "New on the NAS since the last sync"}
      </h2>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          <span className="font-medium">Not on the Dashboard:</span> only the NAS has this video, indexed {when}
          {candidate
            ? `, at or before the Dashboard's newest video (${mark}). The Dashboard had it and it is gone there, so it was most likely deleted on purpose; the old sync would have brought it back.`
            : `, after the Dashboard's newest video (${mark}): processed since the last sync.`}
        </li>
        <li>
          <span className="font-medium">PostgreSQL:</span> {placementLine(detail)}.
        </li>
        {candidate ? (
          <li>
            <span className="font-medium">By default it stays deleted:</span> kept out of PostgreSQL, its rows kept
            whole in migration_quarantine, where they stay recoverable. <span className="font-medium">Restore</span>{" "}
            copies it into PostgreSQL with the next copy (Copy and verify, or{" "}
            <code className="font-mono text-xs">npx cutover copy</code>), so the Dashboard lists it again once it reads
            PostgreSQL.
          </li>
        ) : (
          <li>
            <span className="font-medium">By default it is copied.</span> <span className="font-medium">Skip</span>{" "}
            keeps it out: the next copy puts its rows in migration_quarantine (skipped by you) instead.
          </li>
        )}
      </ul>
    </section>
  );
}
