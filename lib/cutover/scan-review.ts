import "server-only";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import { controlTransaction } from "@/lib/control/control-db";
import { codeFoldersToScan, scanCodeFolders, type ScanFinding, type ScanReport } from "@/lib/scan";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { withWorkflowLease } from "@/lib/workflow/workflow";

/**
 * The sync-code scan as step 5 records it: each scan is stored, and the latest one counts. Its
 * findings are open until the owner acknowledges each with a note; an acknowledgement names the
 * finding's fingerprint (folder, file, kind, normalized snippet), so editing that code reopens it.
 */
export type ReviewedFinding = ScanFinding & { acknowledged: { actor: string; note: string; at: string } | null };
export type ScanReview = {
  run: { id: number; actor: string; scannedAt: string; complete: boolean; folders: ScanReport["folders"] };
  findings: ReviewedFinding[];
  open: number;
};

export async function recordScan(
  ctx: AppContext,
  actor: string,
  dirs: string[] = [],
  onProgress?: ProgressReporter,
): Promise<ScanReview> {
  return withWorkflowLease(
    ctx,
    actor,
    "cutover",
    "scan",
    async () => {
      const report = await scanCodeFolders(codeFoldersToScan(ctx.env.codeDirs, dirs), { onProgress });
      await controlTransaction(ctx.db, async (tx) => {
        const row = await tx.scanRun.create({
          data: {
            actor,
            scannedAt: new Date().toISOString(),
            complete: report.complete,
            findingCount: report.findings.length,
            report: JSON.stringify({ folders: report.folders, findings: report.findings }),
          },
        });
        await appendAudit(tx, {
          actor,
          step: "cutover",
          action: "scan",
          outcome: report.findings.length === 0 && report.complete ? "ok" : "failed",
          detail: { scanRun: row.id, folders: report.folders.map((f) => f.dir), findings: report.findings.length },
        });
      });
      return (await latestScanReview(ctx))!;
    },
    { requireOpen: true },
  );
}

export async function latestScanReview(ctx: AppContext): Promise<ScanReview | null> {
  const row = await ctx.db.scanRun.findFirst({ orderBy: { id: "desc" } });
  if (!row) return null;
  const report = JSON.parse(row.report) as Pick<ScanReport, "folders" | "findings">;
  const acks = await ctx.db.scanAck.findMany({
    where: { fingerprint: { in: report.findings.map((f) => f.fingerprint) } },
  });
  const byPrint = new Map(acks.map((ack) => [ack.fingerprint, ack]));
  const findings = report.findings.map((finding) => {
    const ack = byPrint.get(finding.fingerprint);
    return { ...finding, acknowledged: ack ? { actor: ack.actor, note: ack.note, at: ack.acknowledgedAt } : null };
  });
  return {
    run: { id: row.id, actor: row.actor, scannedAt: row.scannedAt, complete: row.complete, folders: report.folders },
    findings,
    open: findings.filter((f) => !f.acknowledged).length,
  };
}

/**
 * Acknowledges one finding of the latest scan by its id (its fingerprint; a unique prefix of at
 * least 8 characters is enough). A note is required; audited. Refused, changing nothing, for an
 * id the latest scan does not have.
 */
export async function acknowledgeFinding(ctx: AppContext, findingId: string, note: string, actor: string) {
  const text = note.trim();
  if (!text) throw new OwnerFacingError("Refused: an acknowledgement needs a note saying why this finding is safe.");
  const id = findingId.trim().toLowerCase();
  return withWorkflowLease(
    ctx,
    actor,
    "cutover",
    "acknowledge finding",
    async () => {
      const review = await latestScanReview(ctx);
      if (!review) throw new OwnerFacingError("Refused: there is no scan to acknowledge; run npx cutover scan first.");
      const matches = id.length >= 8 ? review.findings.filter((f) => f.fingerprint.startsWith(id)) : [];
      if (matches.length !== 1)
        throw new OwnerFacingError(
          matches.length > 1
            ? `Refused: "${findingId}" matches ${matches.length} findings; give more of its id.`
            : `Refused: the latest scan (#${review.run.id}) has no finding "${findingId}".`,
        );
      const finding = matches[0]!;
      await controlTransaction(ctx.db, async (tx) => {
        const data = { runId: review.run.id, actor, note: text, acknowledgedAt: new Date().toISOString() };
        await tx.scanAck.upsert({
          where: { fingerprint: finding.fingerprint },
          create: { fingerprint: finding.fingerprint, ...data },
          update: data,
        });
        await appendAudit(tx, {
          actor,
          step: "cutover",
          action: "acknowledge finding",
          outcome: "ok",
          detail: {
            fingerprint: finding.fingerprint,
            file: finding.file,
            line: finding.line,
            kind: finding.kind,
            note: text,
          },
        });
      });
      return finding;
    },
    { requireOpen: true },
  );
}
