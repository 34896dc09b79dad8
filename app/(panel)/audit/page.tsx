import { requireOwnerPage } from "@/app/_lib/owner";
import { formatTime, shortHash } from "@/components/format";
import { VerifyChain } from "@/components/verify-chain";
import { listAudit } from "@/lib/audit/audit-log";
import { verifyAuditChainAction } from "../actions";

const OUTCOME_LOOK: Record<string, string> = {
  ok: "✓ ok",
  approved: "✓ approved",
  started: "▶ started",
  failed: "✕ failed",
  refused: "⊘ refused",
  revoked: "↩ revoked",
  cancelled: "■ cancelled",
};

export default async function AuditPage() {
  const ctx = await requireOwnerPage();
  const entries = await listAudit(ctx.db, { limit: 200 });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 max-w-3xl text-stone-700">
          Every action, refusal and approval, newest first. Each entry&apos;s hash covers the one before it, so an
          edited or removed entry breaks the chain.
        </p>
      </div>
      <VerifyChain action={verifyAuditChainAction} />
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-stone-200 text-left text-stone-600">
              {["#", "Time", "Actor", "Step", "Action", "Outcome", "Detail", "Hash"].map((heading) => (
                <th key={heading} scope="col" className="px-3 py-2 font-medium">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq} className="border-b border-stone-100 align-top">
                <td className="px-3 py-2 font-mono">{entry.seq}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatTime(entry.at)}</td>
                <td className="px-3 py-2">{entry.actor}</td>
                <td className="px-3 py-2">{entry.step ?? "—"}</td>
                <td className="px-3 py-2">{entry.action}</td>
                <td className="px-3 py-2 whitespace-nowrap">{OUTCOME_LOOK[entry.outcome] ?? entry.outcome}</td>
                <td className="max-w-md px-3 py-2 break-words text-stone-700">{summarise(entry.detail)}</td>
                <td className="px-3 py-2 font-mono text-xs text-stone-500">{shortHash(entry.hash, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.length === 0 ? <p className="p-4 text-sm text-stone-600">No entries yet.</p> : null}
      </div>
    </div>
  );
}

/** The detail as "key: value" pairs the owner can read; the full JSON stays in the control DB. */
function summarise(detail: string): string {
  const parsed = JSON.parse(detail) as Record<string, unknown>;
  if (typeof parsed.reason === "string") return parsed.reason;
  if (typeof parsed.error === "string") return parsed.error;
  const text = Object.entries(parsed)
    .filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("; ");
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
