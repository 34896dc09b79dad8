import Link from "next/link";
import type { OwnerStepStatus } from "@/lib/steps/owner-status";
import { formatTime } from "./format";
import { StateBadge } from "./state-badge";

/** The six steps in order, each with its state, last run, what blocks it, and an approval revoked since. */
export function Stepper({ steps }: { steps: OwnerStepStatus[] }) {
  return (
    <ol className="divide-y divide-stone-200 overflow-hidden rounded-lg border border-stone-200 bg-white">
      {steps.map((step) => (
        <li key={step.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 px-5 py-4">
          <span
            aria-hidden="true"
            className="flex size-8 shrink-0 items-center justify-center rounded-full bg-stone-900 text-sm font-semibold text-white"
          >
            {step.number}
          </span>
          <div className="min-w-48 flex-1">
            <Link
              href={`/steps/${step.id}`}
              className="font-semibold text-stone-900 underline-offset-4 hover:underline"
            >
              Step {step.number}: {step.title}
            </Link>
            <p className="text-sm text-stone-600">{step.reason}</p>
            {step.revoked ? (
              <p className="mt-1 text-sm text-amber-900">
                <span aria-hidden="true">↩ </span>Approval revoked {formatTime(step.revoked.at)}: {step.revoked.reason}.
              </p>
            ) : null}
          </div>
          <div className="text-sm text-stone-600">
            <span className="sr-only">Last run: </span>
            {step.lastRun ? `Last run ${formatTime(step.lastRun.finishedAt ?? step.lastRun.startedAt)}` : "Never run"}
          </div>
          <StateBadge state={step.state} approvable={step.offer.kind === "offered"} />
        </li>
      ))}
    </ol>
  );
}
