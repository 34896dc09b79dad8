import Link from "next/link";
import { formatTime } from "@/components/format";
import type { ActionResult } from "@/lib/common/action-result";
import type { CopyView } from "@/lib/steps/copy-view";
import { SectionCard } from "@/components/section-card";
import { StepActionForm } from "./step-action-form";

type Props = {
  view: CopyView;
  running: boolean;
  verifyAction: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
};

/** The last verify in brief (its checks are the Checks section below) and the records that did not match. */
export function VerifyCard({ view, running, verifyAction }: Props) {
  const last = view.lastVerify;
  return (
    <SectionCard id="copy-verify-heading" title="Verify">
      {last ? (
        <div className="space-y-2 text-sm">
          <p>
            <span className={last.failing.length === 0 ? "font-medium text-emerald-800" : "font-medium text-red-800"}>
              {last.failing.length === 0 ? "✓" : "✕"} {last.passed} of {last.total} checks pass
            </span>{" "}
            <span className="text-stone-600">
              — run #{last.runId} ({last.action}), {formatTime(last.finishedAt)}; each check is listed under Checks
              below.
            </span>
          </p>
          {last.categorization ? <p className="text-stone-700">Categorization: {last.categorization}.</p> : null}
          {last.failing.length > 0 ? <p className="text-red-900">Failing: {last.failing.join(", ")}.</p> : null}
          <Mismatches last={last} />
        </div>
      ) : (
        <p className="text-sm text-stone-600">
          Nothing verified yet: Copy and verify ends with a verify
          {view.copy ? "." : ", and there is nothing in PostgreSQL to compare before a copy."}
        </p>
      )}
      <div className="mt-4">
        {view.copy?.status === "finished" ? (
          <StepActionForm
            label="Verify again"
            pendingLabel="Starting…"
            tone="secondary"
            disabled={running || !view.target.ok}
            hint="Reads every record back from PostgreSQL, compares it with the merged sources and counts every source row; writes nothing."
            action={verifyAction}
          />
        ) : view.copy ? (
          <p className="text-sm text-stone-600">
            Verify again is offered once a copy has finished: Copy and verify resumes the unfinished one and verifies.
          </p>
        ) : null}
      </div>
    </SectionCard>
  );
}

function Mismatches({ last }: { last: NonNullable<CopyView["lastVerify"]> }) {
  if (last.mismatchCount === 0) return null;
  return (
    <div>
      <h3 className="font-medium">
        {last.mismatchCount.toLocaleString("en-US")} record{last.mismatchCount === 1 ? "" : "s"} did not match
      </h3>
      <ul className="mt-1 space-y-1">
        {last.mismatches.map((m) => (
          <li key={m.videoId}>
            <Link href={`/steps/copy/records/${m.videoId}`} className="font-mono text-xs text-sky-800 underline">
              {m.videoId}
            </Link>{" "}
            {m.title ? <span className="text-stone-800">{m.title}</span> : null}{" "}
            <span className="text-stone-600">— {m.fields.join(", ")}</span>
          </li>
        ))}
      </ul>
      {last.mismatchCount > last.mismatches.length ? (
        <p className="mt-1 text-stone-600">
          and {(last.mismatchCount - last.mismatches.length).toLocaleString("en-US")} more:{" "}
          <Link href="/steps/copy/records" className="text-sky-800 underline">
            review records
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}
