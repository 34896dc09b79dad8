import { HtmlPreview } from "@/components/diff/html-preview";
import { DecisionForm } from "@/components/review/decision-form";
import type { ActionResult } from "@/lib/common/action-result";
import { CARD_VARIANTS, type Card } from "@/lib/contract/card";
import type { CardSide, DashboardView as View } from "@/lib/review/dashboard-view";

type Action = (
  previous: ActionResult<{ revoked: string[] }> | null,
  formData: FormData,
) => Promise<ActionResult<{ revoked: string[] }>>;

// The old reader's classes, so the preview shows headings, lists and the takeaway as the Dashboard styles them.
const KP_STYLE =
  "<style>.kp-heading{font-size:15px;font-weight:600;margin:.5em 0 .25em}.kp-takeaway{border-left:3px solid #a8a29e;padding-left:.5em}</style>";

const show = (value: unknown) =>
  value === null || value === undefined || value === ""
    ? "—"
    : typeof value === "string"
      ? value
      : JSON.stringify(value);

/** The record as each era's Dashboard shows it, side by side, and the choice to leave a summary-less video unlisted. */
export function DashboardView({ view, videoId, action }: { view: View; videoId: string; action: Action }) {
  return (
    <section
      aria-labelledby="dashboard-view-heading"
      className="space-y-4 rounded-lg border border-stone-200 bg-white p-4"
    >
      <h2 id="dashboard-view-heading" className="font-semibold">
        Dashboard view
      </h2>
      {view.listing.needed ? (
        <div className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <p>
            No summary of this video is in the Dashboard&apos;s card variants ({CARD_VARIANTS.join(", ")}), and the
            PostgreSQL-era Dashboard lists only videos with one. By default the copy gives it a generated placeholder,
            &ldquo;No summary available.&rdquo;, marked as generated, so it stays listed as the SQLite-era Dashboard
            listed it. You may leave it unlisted instead.
          </p>
          <DecisionForm
            videoId={videoId}
            field="listing"
            legend="On the PostgreSQL-era Dashboard:"
            options={[
              { choice: "placeholder", label: "List it with the placeholder", isDefault: true },
              { choice: "unlisted", label: "Leave it unlisted", isDefault: false },
            ].map((o) => ({ ...o, current: view.listing.choice === o.choice }))}
            action={action}
          />
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <CardColumn title="SQLite-era Dashboard (what it showed)" side={view.sqlite} />
        <CardColumn title="PostgreSQL-era Dashboard (after the cutover)" side={view.postgres} />
      </div>
      {view.sqlite.state === "shown" && view.postgres.state === "shown" ? (
        view.differences.length === 0 ? (
          <p className="text-sm text-emerald-800">= Every card field is the same in both eras.</p>
        ) : (
          <div className="text-sm">
            <p className="font-medium text-amber-900">≠ {view.differences.length} card field(s) differ:</p>
            <ul className="list-disc pl-5">
              {view.differences.map((d) => (
                <li key={d.field}>
                  <code className="font-mono text-xs">{d.field}</code>: {show(d.sqlite)} → {show(d.postgres)}
                </li>
              ))}
            </ul>
          </div>
        )
      ) : null}
    </section>
  );
}

function CardColumn({ title, side }: { title: string; side: CardSide }) {
  return (
    <div role="group" aria-label={title} className="space-y-2">
      <h3 className="text-sm font-medium">{title}</h3>
      {side.state === "shown" ? (
        <DashboardCard card={side.card} listed={side.listed} />
      ) : side.state === "error" ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-900">
          PostgreSQL could not be read: {side.error}
        </p>
      ) : (
        <p className="text-sm text-stone-600 italic">∅ {side.why}</p>
      )}
    </div>
  );
}

function DashboardCard({ card, listed }: { card: Card; listed: boolean }) {
  const { analysis, media } = card;
  const minutes = card.duration_seconds === null ? null : `${Math.round(card.duration_seconds / 60)} min`;
  return (
    <article
      className={`space-y-2 rounded border p-3 text-sm ${listed ? "border-stone-300" : "border-dashed border-red-400"}`}
    >
      <p className={`text-xs font-medium ${listed ? "text-emerald-800" : "text-red-800"}`}>
        {listed ? "✓ listed in the card list" : "✕ not listed: no summary with html in the card variants"}
      </p>
      <p className="font-semibold break-words">{card.title || "(no title)"}</p>
      <p className="text-stone-700">{[card.channel, minutes, card.published_at].filter(Boolean).join(" · ") || "—"}</p>
      <ul aria-label="Categories" className="flex flex-wrap gap-1">
        {analysis.categories.length === 0 ? <li className="text-stone-500 italic">no category chips</li> : null}
        {analysis.categories.flatMap((c) => [
          <li key={c.category} className="rounded-full border border-stone-400 px-2 text-xs font-medium">
            {c.category}
          </li>,
          ...c.subcategories.map((sub) => (
            <li key={`${c.category}/${sub}`} className="rounded-full border border-stone-300 px-2 text-xs">
              {sub}
            </li>
          )),
        ])}
      </ul>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
        {(
          [
            ["language", analysis.language],
            ["type", analysis.content_type],
            ["complexity", analysis.complexity_level],
            ["topics", analysis.key_topics.join(", ")],
            [
              "audio",
              media.has_audio
                ? `yes${media.audio_duration_seconds ? `, ${media.audio_duration_seconds} s` : ""}`
                : "no",
            ],
            [
              "transcript",
              media.has_transcript ? `yes${media.transcript_chars ? `, ${media.transcript_chars} chars` : ""}` : "no",
            ],
            ["words", card.word_count],
          ] as const
        ).map(([label, value]) => [
          <dt key={`${label}-t`} className="text-stone-600">
            {label}
          </dt>,
          <dd key={`${label}-d`}>{show(value)}</dd>,
        ])}
      </dl>
      {card.summary ? (
        <div className="space-y-1">
          <p className="text-xs text-stone-600">
            Summary shown: {card.summary.variant}
            {card.summary.summary_type ? ` (summary_type ${card.summary.summary_type})` : ""}
          </p>
          <HtmlPreview
            html={card.summary.html === null ? null : KP_STYLE + card.summary.html}
            title={`${card.summary.variant} summary as the PostgreSQL-era Dashboard shows it`}
            heightClassName="h-40"
          />
        </div>
      ) : null}
    </article>
  );
}
