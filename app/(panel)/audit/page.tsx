import { requireOwnerPage } from "@/app/_lib/owner";
import { AuditTable } from "@/components/audit-table";
import { VerifyChain } from "@/components/verify-chain";
import { listAudit } from "@/lib/audit/audit-log";
import { verifyAuditChainAction } from "../actions";

export default async function AuditPage() {
  const ctx = await requireOwnerPage();
  const entries = await listAudit(ctx.db, { limit: 200 });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 max-w-3xl text-stone-700">
          Every action, refusal and approval, newest first (the last 200). Each entry&apos;s hash covers the one before
          it, so an edited or removed entry breaks the chain.
        </p>
      </div>
      <VerifyChain action={verifyAuditChainAction} />
      <div className="rounded-lg border border-stone-200 bg-white">
        <AuditTable entries={entries} />
      </div>
    </div>
  );
}
