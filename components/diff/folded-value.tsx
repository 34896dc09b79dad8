import { isMissing, summarizeValue, type CompareKind } from "@/lib/diff/field-compare";

export type FoldedValueProps = {
  value: unknown;
  kind?: CompareKind;
  /** characters shown before folding */
  maxChars?: number;
  /** what a NULL reads as; the default says "none" in words, not just a dash */
  missingLabel?: string;
  /** monospace regardless of content (default: only for JSON) */
  mono?: boolean;
};

/**
 * One value as the diff views show it: NULL as "— (none)", JSON pretty-printed, long text
 * folded behind a native <details> (no client JavaScript) that says how much is hidden.
 */
export function FoldedValue({
  value,
  kind = "auto",
  maxChars = 280,
  missingLabel = "— (none)",
  mono,
}: FoldedValueProps) {
  if (isMissing(value)) return <span className="text-stone-500 italic">{missingLabel}</span>;
  const summary = summarizeValue(value, maxChars, kind);
  if (summary.length === 0) return <span className="text-stone-500 italic">(empty text)</span>;
  const block = summary.text.includes("\n");
  // pretty-printed JSON reads best in monospace; prose keeps the panel's font
  const font = (mono ?? (typeof value === "object" || summary.text !== value)) ? "font-mono text-xs" : "font-sans";
  if (!summary.folded) {
    return block ? (
      <pre className={`${font} break-words whitespace-pre-wrap`}>{summary.text}</pre>
    ) : (
      <span className={`${font} break-words whitespace-pre-wrap`}>{summary.text}</span>
    );
  }
  return (
    <details className="group">
      <summary className="cursor-pointer list-none">
        <span className={`${font} break-words whitespace-pre-wrap group-open:hidden`}>{summary.preview} </span>
        <span className="text-xs font-medium text-sky-800 underline group-open:hidden">
          show all {summary.length} characters
        </span>
        <span className="hidden text-xs font-medium text-sky-800 underline group-open:inline">show less</span>
      </summary>
      <pre className={`${font} mt-1 max-h-96 overflow-auto break-words whitespace-pre-wrap`}>{summary.text}</pre>
    </details>
  );
}
