import { countOf } from "@/lib/common/plural";
import { CheckMark } from "@/components/state-badge";
import { TableHead } from "@/components/table-head";
import { formatUtc } from "@/lib/common/format-time";
import type { StoredDrillRun } from "@/lib/drill/drill-run";
import { DROPPED_CHECK } from "@/lib/drill/check-names";

/**
 * Step 5's delete drill as the latest stored run says it: each check with its time, the tables
 * that reference content without a cascade, what the scratch schema left out, and any leftover
 * schema it dropped. Shows only what the stored run holds; the page decides where it goes.
 */
export function DrillPanel({ run }: { run: StoredDrillRun | null }) {
  if (!run)
    return (
      <p className="text-sm text-stone-600">
        No delete drill has run yet. It runs in a scratch schema of the target and never touches your rows:{" "}
        <code className="font-mono">npx cutover drill</code>
      </p>
    );
  const { result } = run;
  const failed = result.checks.filter((check) => !check.ok).length;
  const dropped = result.checks.some((check) => check.name === DROPPED_CHECK && check.ok);
  return (
    <div className="space-y-4 text-sm">
      <p>
        <span className={run.ok ? "font-medium text-emerald-700" : "font-medium text-red-700"}>
          {run.ok ? "Drill passed" : `Drill failed ${failed} of ${result.checks.length} checks`}
        </span>{" "}
        — run #{run.id} at {formatUtc(result.startedAt)} by {run.actor} on {result.target}, in scratch schema{" "}
        <code className="font-mono">{result.scratchSchema}</code> (
        {dropped ? "dropped afterwards" : "still in the target"}), {formatMs(result.totalMs)} in all.
      </p>
      {result.leftoversDropped.length > 0 ? (
        <p className="text-amber-800">
          Before it began, it dropped {countOf(result.leftoversDropped.length, "scratch schema")} an earlier,
          interrupted drill left: <code className="font-mono">{result.leftoversDropped.join(", ")}</code>.
        </p>
      ) : null}
      <table className="w-full border-collapse">
        <TableHead
          cellClassName="py-2 pr-4"
          columns={["Check", "Result", { label: "Time", numeric: true }, "Finding"]}
        />
        <tbody>
          {result.checks.map((check) => (
            <tr key={check.name} className="border-b border-stone-100 align-top">
              <td className="py-2 pr-4 font-medium">{check.name}</td>
              <td className="py-2 pr-4 whitespace-nowrap">
                <CheckMark ok={check.ok} />
              </td>
              <td className="py-2 pr-4 text-right whitespace-nowrap tabular-nums">{formatMs(check.ms)}</td>
              <td className="py-2">{check.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NonCascadeTables run={run} />
      {result.leftOut.length > 0 ? (
        <p className="text-stone-600">Left out of the scratch schema: {result.leftOut.join("; ")}.</p>
      ) : null}
      <p className="font-mono text-xs text-stone-500">evidence sha256 {run.evidenceHash}</p>
    </div>
  );
}

function NonCascadeTables({ run }: { run: StoredDrillRun }) {
  const { nonCascade } = run.result;
  if (nonCascade.length === 0) return <p>No table in the target references content without ON DELETE CASCADE.</p>;
  return (
    <div>
      <h3 className="mb-1 font-medium text-red-700">
        {countOf(nonCascade.length, "table")} {nonCascade.length === 1 ? "references" : "reference"} content without ON
        DELETE CASCADE
      </h3>
      <p className="mb-2 text-stone-600">
        Deleting a video is refused, or leaves these rows behind. Add the cascade (or drop the table) and run the drill
        again.
      </p>
      <table className="w-full border-collapse">
        <TableHead columns={["Table", "Constraint", "On delete"]} />
        <tbody>
          {nonCascade.map((reference) => (
            <tr key={`${reference.table}/${reference.constraint}`} className="border-b border-stone-100">
              <td className="py-2 pr-3 font-mono">{reference.table}</td>
              <td className="py-2 pr-3 font-mono">{reference.constraint}</td>
              <td className="py-2">{reference.onDelete}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
