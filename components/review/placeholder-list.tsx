import Link from "next/link";
import type { PlaceholderList as List } from "@/lib/review/placeholder-list";

/** The videos without a summary the Dashboard lists, and what the copy does for each; each links to its record. */
export function PlaceholderList({ list, linkQuery }: { list: List; linkQuery: string }) {
  if (list.total === 0) return null;
  return (
    <section
      aria-labelledby="placeholder-heading"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <h2 id="placeholder-heading" className="font-semibold text-amber-950">
        {list.total.toLocaleString("en-US")} video{list.total === 1 ? " has" : "s have"} no summary the Dashboard lists
      </h2>
      <p className="text-sm text-amber-950">
        The PostgreSQL-era Dashboard lists a video only with a summary in its card variants.{" "}
        {list.placeholder.toLocaleString("en-US")} get a generated placeholder (&ldquo;No summary available.&rdquo;) and
        stay listed; {list.unlisted.toLocaleString("en-US")} stay unlisted by your decision. Open one to decide (its
        Dashboard view), or from the terminal:{" "}
        <code className="font-mono">cutover decide &lt;videoId&gt; listing unlisted</code>.
      </p>
      <details>
        <summary className="cursor-pointer text-sm font-medium text-sky-800 underline">
          Show {list.entries.length < list.total ? `the first ${list.entries.length}` : "them"}
        </summary>
        <ul className="mt-2 space-y-1 text-sm">
          {list.entries.map((e) => (
            <li key={e.videoId}>
              <Link href={`/steps/copy/records/${e.videoId}${linkQuery}`} className="text-sky-800 underline">
                {e.title || e.videoId}
              </Link>{" "}
              <code className="font-mono text-xs">{e.videoId}</code> ·{" "}
              {e.choice === "placeholder" ? "placeholder (default)" : "left unlisted (your decision)"}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
