import { QUARANTINE_LOOK, isQuarantineReason } from "@/lib/common/quarantine-reasons";
import { TableHead } from "@/components/table-head";
import type { PlanSummary } from "@/lib/steps/copy-view";

type Props = { quarantine: PlanSummary["quarantine"]; skippedSincePlan: number };

/**
 * Quarantine per reason as the next copy writes it: rows (what the ledger counts) and videos
 * (what the owner thinks in), with what each means. Decisions count, those since the plan too.
 */
export function QuarantineTable({ quarantine, skippedSincePlan }: Props) {
  const reasons = Object.entries(quarantine).sort(([a], [b]) => a.localeCompare(b));
  const n = (value: number) => value.toLocaleString("en-US");
  return (
    <>
      <h3 className="mt-5 text-sm font-medium">
        Quarantine{" "}
        <span className="font-normal text-stone-600">
          (source rows kept in migration_quarantine, nothing is dropped; a video&apos;s content row and each of its
          summaries are separate rows)
        </span>
      </h3>
      {reasons.length === 0 && skippedSincePlan === 0 ? (
        <p className="mt-1 text-sm text-stone-600">Nothing to quarantine.</p>
      ) : (
        <table className="mt-1 w-full max-w-4xl border-collapse text-sm">
          <caption className="sr-only">Quarantine per reason</caption>
          <TableHead
            cellClassName="py-1.5 pr-4"
            columns={["Reason", { label: "Rows", numeric: true }, { label: "Videos", numeric: true }, "What it means"]}
          />
          <tbody>
            {reasons.map(([reason, { rows, videos }]) => (
              <tr key={reason} className="border-b border-stone-100 align-top">
                <td className="py-1.5 pr-4 font-mono text-xs whitespace-nowrap">{reason}</td>
                <td className="py-1.5 pr-4 text-right tabular-nums">{n(rows)}</td>
                <td className="py-1.5 pr-4 text-right tabular-nums">{videos ? n(videos) : "—"}</td>
                <td className="py-1.5 text-stone-700">
                  {isQuarantineReason(reason) ? QUARANTINE_LOOK[reason].means : "See the review."}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {skippedSincePlan > 0 ? (
        <p className="mt-2 max-w-3xl text-sm text-stone-700">
          And {n(skippedSincePlan)} NAS-new video{skippedSincePlan === 1 ? "" : "s"} you skipped since this plan was
          made: the next copy keeps {skippedSincePlan === 1 ? "its" : "their"} rows here too (skipped_by_owner).
        </p>
      ) : null}
    </>
  );
}
