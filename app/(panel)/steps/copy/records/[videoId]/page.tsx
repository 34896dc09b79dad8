import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOwnerPage } from "@/app/_lib/owner";
import { CaseBadge } from "@/components/diff/case-badge";
import { StatusBadge, type RecordStatus } from "@/components/diff/status-badge";
import { StaleBanner } from "@/components/review/gate-panel";
import { RecordKeyboardNav } from "@/components/review/keyboard-nav";
import { QuarantineSection } from "@/components/review/quarantine-section";
import { RecordCategorization } from "@/components/review/record-categorization";
import { RecordDecisions } from "@/components/review/record-decisions";
import { NasOnlyFacts, placementLine } from "@/components/review/record-facts";
import { RecordFields } from "@/components/review/record-fields";
import { SummariesSection } from "@/components/review/summaries-section";
import { DashboardView } from "@/components/review/dashboard-view";
import { loadDashboardView } from "@/lib/review/dashboard-view";
import type { MergeCase } from "@/lib/merge/classify";
import { copyFreshness } from "@/lib/review/copy-freshness";
import { parseReviewQuery, reviewHref, type RawSearchParams } from "@/lib/review/filters";
import { loadRecordDetail } from "@/lib/review/record-detail";
import { decideRecordAction } from "../decision-actions";

export default async function RecordPage({
  params,
  searchParams,
}: {
  params: Promise<{ videoId: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { videoId } = await params;
  const query = parseReviewQuery(await searchParams);
  if (!/^[A-Za-z0-9_-]{11}$/.test(videoId)) notFound();
  const ctx = await requireOwnerPage();
  const [detail, freshness, dashboard] = await Promise.all([
    loadRecordDetail(ctx, videoId, query),
    copyFreshness(ctx),
    loadDashboardView(ctx, videoId),
  ]);
  if (!detail) notFound();
  const { record, neighbours } = detail;
  const listQuery = reviewHref("", { ...query, tab: undefined, after: undefined });
  const href = (id: string | undefined) => (id ? `/steps/copy/records/${id}${listQuery}` : null);
  const previous = href(neighbours.previous?.videoId);
  const next = href(neighbours.next?.videoId);
  return (
    <div className="space-y-5">
      <RecordKeyboardNav previous={previous} next={next} />
      <nav aria-label="Records" className="flex flex-wrap items-center gap-4 text-sm">
        <Link href={`/steps/copy/records${listQuery}`} className="text-sky-800 underline">
          ← Back to the records
        </Link>
        {previous ? (
          <Link href={previous} rel="prev" className="text-sky-800 underline">
            ‹ Previous (k)
          </Link>
        ) : (
          <span className="text-stone-500">‹ Previous (none)</span>
        )}
        {next ? (
          <Link href={next} rel="next" className="text-sky-800 underline">
            Next (j) ›
          </Link>
        ) : (
          <span className="text-stone-500">Next (none) ›</span>
        )}
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{detail.title || "(no title)"}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <code className="font-mono">{record.videoId}</code>
          <CaseBadge value={record.mergeCase as MergeCase} />
          <StatusBadge value={record.status as RecordStatus} title="in PostgreSQL, by the last verify" />
          {record.categorized ? <span className="text-stone-700">· categorization record</span> : null}
          <span className="text-stone-700">· {placementLine(detail)}</span>
        </div>
        {record.mismatch?.length ? (
          <p className="text-sm text-amber-900">
            ≠ The last verify found PostgreSQL different in: {record.mismatch.join(", ")}
          </p>
        ) : null}
      </header>
      {freshness.state === "stale" ? <StaleBanner runId={freshness.runId} /> : null}
      <NasOnlyFacts detail={detail} />
      <RecordDecisions detail={detail} action={decideRecordAction} />
      {dashboard ? <DashboardView view={dashboard} videoId={record.videoId} action={decideRecordAction} /> : null}
      <RecordFields detail={detail} />
      <RecordCategorization detail={detail} />
      <SummariesSection summaries={detail.summaries} />
      <QuarantineSection detail={detail} />
    </div>
  );
}
