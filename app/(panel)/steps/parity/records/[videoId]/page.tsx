import Link from "next/link";
import { notFound } from "next/navigation";
import { requireOwnerPage } from "@/app/_lib/owner";
import { CaseBadge } from "@/components/diff/case-badge";
import { ParityDifferences, ParityFields } from "@/components/steps/parity/parity-record";
import type { MergeCase } from "@/lib/merge/classify";
import { loadParityRecordView } from "@/lib/parity/record-view";
import { acceptDifferenceAction, recopyAction } from "../../../[step]/parity-actions";

const PLANNED_WORDS = {
  copy: "step 3 copied it",
  skip: "step 3 left it out",
  none: "not in step 3's plan (new since the copy)",
} as const;

/** A parity difference opened in step 3's record view, with parity's columns and remedies. */
export default async function ParityRecordPage({ params }: { params: Promise<{ videoId: string }> }) {
  const { videoId } = await params;
  if (!/^[A-Za-z0-9_-]{11}$/.test(videoId)) notFound();
  const ctx = await requireOwnerPage();
  const view = await loadParityRecordView(ctx, videoId);
  if (!view) notFound();
  return (
    <div className="space-y-5">
      <nav aria-label="Parity" className="text-sm">
        <Link href="/steps/parity#differences-heading" className="text-sky-800 underline">
          ← Back to step 4&apos;s differences
        </Link>
      </nav>
      <header className="space-y-2">
        <p className="text-sm text-stone-600">Step 4 · Parity · record view</p>
        <h1 className="text-2xl font-semibold tracking-tight break-words">{view.title || "(no title)"}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <code className="font-mono">{view.videoId}</code>
          {view.mergeCase ? (
            <CaseBadge value={view.mergeCase as MergeCase} />
          ) : (
            <span className="text-stone-700">in neither SQLite file</span>
          )}
          <span className="text-stone-700">· {PLANNED_WORDS[view.planned ?? "none"]}</span>
        </div>
      </header>
      <ParityDifferences view={view} actions={{ accept: acceptDifferenceAction, recopy: recopyAction }} />
      <ParityFields view={view} />
    </div>
  );
}
