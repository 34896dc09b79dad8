import { formatTime } from "@/components/format";
import type { Placement, RecordDetail } from "@/lib/review/record-detail";

export const PLACEMENT_WORDS: Record<Placement, string> = {
  copied: "copied to PostgreSQL",
  "will-be-copied": "will be copied to PostgreSQL by the next copy",
  "kept-out": "kept out of PostgreSQL",
  "will-be-removed": "still in PostgreSQL: the next copy takes it out",
  unknown: "PostgreSQL not read",
};

const NAS_ONLY = ["resurrection_candidate", "nas_new"];

/**
 * "copied to PostgreSQL (your decision)": where the record stands now and, for a video only
 * the NAS has (the one kind the owner copies or keeps out), whose choice that is.
 */
export function placementLine(detail: RecordDetail): string {
  const words = PLACEMENT_WORDS[detail.placement];
  if (!NAS_ONLY.includes(detail.record.mergeCase)) return words;
  return `${words} (${recordDecision(detail) ? "your decision" : "default"})`;
}

function recordDecision(detail: RecordDetail): string | undefined {
  return detail.decisions.find((decision) => decision.field === "*")?.choice;
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
            ? `, at or before the Dashboard's newest video (${mark}). The old sync gave the Dashboard every NAS video up to then, so this one was most likely deleted there on purpose (the sync kept bringing such videos back).`
            : `, after the Dashboard's newest video (${mark}): processed since the last sync.`}
        </li>
        <li>
          <span className="font-medium">PostgreSQL:</span> {placementLine(detail)}.
        </li>
        <li>{candidate ? <CandidateChoice detail={detail} /> : <NasNewChoice detail={detail} />}</li>
      </ul>
    </section>
  );
}

const NEXT_COPY = (
  <>
    the next copy (Copy and verify, or <code className="font-mono text-xs">npx cutover copy</code>)
  </>
);

/** What the default is and what the other choice does, said for where the record stands now. */
function CandidateChoice({ detail }: { detail: RecordDetail }) {
  if (detail.record.action === "copy") {
    return detail.placement === "copied" ? (
      <>
        <span className="font-medium">You restored it:</span> it is in PostgreSQL, so the Dashboard lists it again once
        it reads PostgreSQL. <span className="font-medium">Keep deleted</span> takes it out again with {NEXT_COPY}.
      </>
    ) : (
      <>
        <span className="font-medium">You chose Restore:</span> {NEXT_COPY} copies it into PostgreSQL.{" "}
        <span className="font-medium">Keep deleted</span> undoes that before it happens.
      </>
    );
  }
  const kept = recordDecision(detail) ? "You chose to keep it deleted" : "By default it stays deleted";
  return (
    <>
      <span className="font-medium">{kept}:</span>{" "}
      {detail.placement === "will-be-removed"
        ? `the next copy takes it out of PostgreSQL and keeps its rows whole in migration_quarantine, where they stay recoverable.`
        : "kept out of PostgreSQL, its rows kept whole in migration_quarantine, where they stay recoverable."}{" "}
      <span className="font-medium">Restore</span> copies it into PostgreSQL with {NEXT_COPY}, so the Dashboard lists it
      again once it reads PostgreSQL.
    </>
  );
}

function NasNewChoice({ detail }: { detail: RecordDetail }) {
  if (detail.record.action === "skip") {
    return (
      <>
        <span className="font-medium">You chose Skip:</span>{" "}
        {detail.placement === "will-be-removed" ? "the next copy takes it out of PostgreSQL and" : "the copy"} keeps its
        rows whole in migration_quarantine (skipped by you). <span className="font-medium">Copy</span> brings it in with{" "}
        {NEXT_COPY}.
      </>
    );
  }
  return (
    <>
      <span className="font-medium">{recordDecision(detail) ? "You chose Copy" : "By default it is copied"}:</span>{" "}
      {detail.placement === "copied" ? "it is in PostgreSQL." : <>{NEXT_COPY} copies it into PostgreSQL.</>}{" "}
      <span className="font-medium">Skip</span> keeps it out instead: its rows go to migration_quarantine (skipped by
      you).
    </>
  );
}
