import { formatTime, shortHash } from "@/components/format";
import { isStepId, getStepOrThrow } from "@/lib/workflow/steps";
import { TableHead } from "./table-head";

/**
 * The audit log as a table that fits a 1280 px screen: fixed columns, the detail in a line
 * with the whole entry a click away, the hashes shortened with the full values folded.
 */
type Entry = {
  seq: number;
  at: string;
  actor: string;
  step: string | null;
  action: string;
  outcome: string;
  detail: string;
  hash: string;
  prevHash: string;
};

const OUTCOME_LOOK: Record<string, string> = {
  ok: "✓ ok",
  approved: "✓ approved",
  started: "▶ started",
  failed: "✕ failed",
  refused: "⊘ refused",
  revoked: "↩ revoked",
  cancelled: "■ cancelled",
};

const SUMMARY_CHARS = 120;

export function AuditTable({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return <p className="p-4 text-sm text-stone-600">No entries yet.</p>;
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <caption className="sr-only">Audit log entries, newest first</caption>
      <TableHead
        cellClassName="px-3 py-2"
        columns={[
          { label: "#", width: "w-12" },
          { label: "Time (UTC)", width: "w-24" },
          { label: "Actor", width: "w-24" },
          { label: "Step", width: "w-24" },
          { label: "Action", width: "w-28" },
          { label: "Outcome", width: "w-24" },
          "Detail",
          { label: "Hash", width: "w-28" },
        ]}
      />
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.seq} className="border-b border-stone-100 align-top">
            <td className="px-3 py-2 font-mono text-xs">{entry.seq}</td>
            <td className="px-3 py-2 text-xs tabular-nums">{formatTime(entry.at).replace(" UTC", "")}</td>
            <td className="px-3 py-2 break-words">{entry.actor}</td>
            <td className="px-3 py-2 break-words">{stepTitle(entry.step)}</td>
            <td className="px-3 py-2 break-words">{entry.action}</td>
            <td className="px-3 py-2">{OUTCOME_LOOK[entry.outcome] ?? entry.outcome}</td>
            <td className="px-3 py-2 text-stone-700">
              <Detail detail={entry.detail} />
            </td>
            <td className="px-3 py-2">
              <details>
                <summary className="cursor-pointer font-mono text-xs whitespace-nowrap text-stone-600">
                  {shortHash(entry.hash, 8)}…
                </summary>
                <dl className="mt-1 space-y-1 font-mono text-xs break-all text-stone-700">
                  <dt className="font-sans text-stone-500">hash</dt>
                  <dd>{entry.hash}</dd>
                  <dt className="font-sans text-stone-500">previous</dt>
                  <dd>{entry.prevHash}</dd>
                </dl>
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function stepTitle(step: string | null): string {
  if (!step) return "—";
  return isStepId(step) ? `${getStepOrThrow(step).number}. ${getStepOrThrow(step).title}` : step;
}

/** The detail as "key: value" pairs the owner can read, folded past a line; the whole entry one click away. */
function Detail({ detail }: { detail: string }) {
  const parsed = JSON.parse(detail) as Record<string, unknown>;
  const text = summarise(parsed);
  const whole = JSON.stringify(parsed, null, 2);
  const nested = Object.values(parsed).some((value) => typeof value === "object" && value !== null);
  if (text.length <= SUMMARY_CHARS && !nested) {
    return <span className="[overflow-wrap:anywhere]">{text}</span>;
  }
  return (
    <details>
      <summary className="cursor-pointer [overflow-wrap:anywhere]">
        {text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS)}…` : text}{" "}
        <span className="text-xs font-medium text-sky-800 underline">show all</span>
      </summary>
      <pre className="mt-1 max-h-96 overflow-auto rounded bg-stone-100 p-2 font-mono text-xs break-all whitespace-pre-wrap">
        {whole}
      </pre>
    </details>
  );
}

function summarise(parsed: Record<string, unknown>): string {
  if (typeof parsed.reason === "string") return parsed.reason;
  if (typeof parsed.error === "string") return parsed.error;
  return Object.entries(parsed)
    .filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("; ");
}
