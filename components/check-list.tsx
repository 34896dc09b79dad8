import { CheckMark } from "./state-badge";
import { TableHead } from "@/components/table-head";

export type CheckRow = { name: string; ok: boolean; waivable: boolean; detail: string; evidence: string | null };

/** A run's checks: name, pass/fail in words, the finding, and its evidence folded away. */
export function CheckList({ checks }: { checks: CheckRow[] }) {
  if (checks.length === 0) return <p className="text-sm text-stone-600">No checks have run yet.</p>;
  return (
    <table className="w-full border-collapse text-sm">
      <TableHead cellClassName="py-2 pr-4" columns={["Check", "Result", "Evidence"]} />
      <tbody>
        {checks.map((check) => (
          <tr key={check.name} className="border-b border-stone-100 align-top">
            <td className="py-2 pr-4 font-medium">{check.name}</td>
            <td className="py-2 pr-4 whitespace-nowrap">
              <CheckMark ok={check.ok} waivable={check.waivable} />
            </td>
            <td className="py-2">
              <p>{check.detail}</p>
              {check.evidence ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-stone-500">details</summary>
                  <pre className="mt-1 max-h-64 overflow-auto rounded bg-stone-100 p-2 font-mono text-xs">
                    {JSON.stringify(JSON.parse(check.evidence), null, 2)}
                  </pre>
                </details>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
