import Link from "next/link";
import type { OwnerStepStatus } from "@/lib/steps/owner-status";
import { stepName } from "@/lib/workflow/steps";
import { formatTime } from "./format";

/** An approval revoked since, said at the top of a page: when, why, and what to do next. */
export function RevokedNotice({ status }: { status: OwnerStepStatus }) {
  if (!status.revoked) return null;
  return (
    <div role="alert" className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p>
        <span aria-hidden="true">↩ </span>
        <span className="font-medium">The approval of {stepName(status.id)} was revoked</span>{" "}
        {formatTime(status.revoked.at)}: {status.revoked.reason}.
      </p>
      <p className="mt-1">
        <span className="font-medium">Next:</span> <NextText status={status} />
      </p>
    </div>
  );
}

/** The end of a step page: the next step, or what blocks this one. */
export function WayForward({ status }: { status: OwnerStepStatus }) {
  return (
    <section aria-labelledby="way-forward-heading" className="rounded-lg border border-sky-200 bg-sky-50 p-5">
      <h2 id="way-forward-heading" className="mb-1 font-semibold text-sky-950">
        Way forward
      </h2>
      <p className="text-sm text-sky-950">
        <NextText status={status} />
      </p>
    </section>
  );
}

export function NextText({ status }: { status: OwnerStepStatus }) {
  const { text, href } = status.next;
  return href ? (
    <Link href={href} className="underline underline-offset-2">
      {text}
    </Link>
  ) : (
    <>{text}</>
  );
}
