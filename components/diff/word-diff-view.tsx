import type { DiffSegment, WordDiffResult } from "@/lib/diff/word-diff";

export type WordDiffViewProps = {
  result: WordDiffResult;
  /** the side whose text "removed" comes from, e.g. "NAS" */
  leftLabel: string;
  rightLabel: string;
};

/**
 * A word diff as running text. Removed words are struck through and added ones underlined,
 * each with a visible −/+ sign (readable in monochrome) and words for screen readers, which
 * mostly do not announce <del>/<ins> on their own.
 */
export function WordDiffView({ result, leftLabel, rightLabel }: WordDiffViewProps) {
  const { left, right } = result.lineEndings;
  return (
    <figure className="space-y-1.5 text-sm">
      <figcaption className="text-xs text-stone-600">
        {result.identical ? (
          <span className="font-medium text-emerald-800">
            <span aria-hidden="true">=</span> identical in {leftLabel} and {rightLabel}
          </span>
        ) : (
          <>
            <span className="text-red-900">
              − <span className="line-through">removed</span>
            </span>
            : only in {leftLabel};{" "}
            <span className="text-emerald-900">
              + <span className="underline">added</span>
            </span>
            : only in {rightLabel}
          </>
        )}
      </figcaption>
      {result.note ? (
        <p role="note" className="text-xs text-stone-600">
          <span className="font-medium">Note:</span> {result.note}
        </p>
      ) : null}
      {left !== right && left !== "none" && right !== "none" ? (
        <p role="note" className="text-xs text-stone-600">
          <span className="font-medium">Note:</span> line endings differ ({left.toUpperCase()} in {leftLabel},{" "}
          {right.toUpperCase()} in {rightLabel}); the comparison ignores them.
        </p>
      ) : null}
      {result.segments.length === 0 ? (
        <p className="text-stone-500 italic">— (no text on either side)</p>
      ) : (
        <div className="rounded border border-stone-200 bg-white p-3 leading-6 break-words whitespace-pre-wrap">
          {result.segments.map((segment, i) => (
            <Segment key={i} segment={segment} />
          ))}
        </div>
      )}
    </figure>
  );
}

function Segment({ segment }: { segment: DiffSegment }) {
  if (segment.kind === "same") return <>{segment.text}</>;
  const removed = segment.kind === "removed";
  return removed ? (
    <del className="rounded-sm bg-red-50 text-red-900 decoration-red-700">
      <Sign text="−" spoken="removed: " />
      {segment.text}
      <span className="sr-only"> (end removed)</span>
    </del>
  ) : (
    <ins className="rounded-sm bg-emerald-50 text-emerald-900 underline decoration-emerald-700">
      <Sign text="+" spoken="added: " />
      {segment.text}
      <span className="sr-only"> (end added)</span>
    </ins>
  );
}

function Sign({ text, spoken }: { text: string; spoken: string }) {
  return (
    <>
      <span aria-hidden="true" className="mr-px inline-block text-xs font-bold select-none">
        {text}
      </span>
      <span className="sr-only">{spoken}</span>
    </>
  );
}
