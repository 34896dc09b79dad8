import "server-only";
import type { AppContext } from "../app-context";
import { loadAuditFacts } from "./audit-facts";
import { loadCategorizationCount } from "./categorization-count";
import { loadCategorizationRecords } from "./categorization-records";
import { loadLaterSections } from "./later-sections";
import { loadQuarantineFacts } from "./quarantine-facts";
import { loadStepFacts } from "./step-facts";
import { REPORT_VERSION, type ReportFacts } from "./types";

/**
 * Gathers the evidence report's facts from the control DB, step 1's snapshots and the target.
 * It only reads: no step runs again. The audit chain is read last, so its head covers every
 * entry of the evidence above it.
 */
export async function gatherReportFacts(ctx: AppContext): Promise<ReportFacts> {
  const generatedAt = new Date().toISOString();
  const steps = await loadStepFacts(ctx);
  const [categorizationCount, categorizationRecords, quarantine, sections] = await Promise.all([
    loadCategorizationCount(ctx),
    loadCategorizationRecords(ctx),
    loadQuarantineFacts(ctx.db),
    loadLaterSections(ctx),
  ]);
  const audit = await loadAuditFacts(ctx.db);
  const archive = steps.find((s) => s.id === "archive")!;
  const draft = archive.state !== "approved";
  // draft first: it is what `report --json` shows on its first lines
  return {
    draft,
    draftReason: draft
      ? `Step 6 (Archive) is not approved yet (it is ${archive.state}): this report shows the evidence recorded so far.`
      : null,
    version: REPORT_VERSION,
    generatedAt,
    steps,
    audit,
    categorizationCount,
    categorizationRecords,
    quarantine,
    sections,
  };
}
