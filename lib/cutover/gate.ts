import "server-only";
import { countOf } from "@/lib/common/plural";
import type { AppContext } from "@/lib/app-context";
import { formatUtc } from "@/lib/common/format-time";
import { latestDrillRun } from "@/lib/drill/drill-run";
import { approvalInForce } from "@/lib/workflow/store";
import type { CheckResult } from "@/lib/workflow/types";
import { finalParityOf } from "./final-parity";
import { readFlipState } from "./flip-state";
import { checkFreezeWindow, lastFreezeProof, readFreezeWindow } from "./freeze-window";
import { latestScanReview } from "./scan-review";

/**
 * Step 5's gate, each item a check over what the control DB holds and what the live files say
 * now, for one target (as describeTarget names it). The readiness items are what the flip itself
 * requires; the flip and its verification follow. `prove: false` (a page view) shows the freeze
 * window's last kept proof instead of re-reading both files; every action proves it afresh.
 */
export type ReadinessOptions = { prove?: boolean };

export async function cutoverReadiness(
  ctx: AppContext,
  target: string,
  { prove = true }: ReadinessOptions = {},
): Promise<CheckResult[]> {
  const window = await readFreezeWindow(ctx);
  const checks: CheckResult[] = [];
  checks.push({
    name: "Processing stopped for the freeze window",
    ok: Boolean(window && window.target === target),
    detail: !window
      ? "the owner has not confirmed processing is stopped (npx cutover freeze --processing-stopped)"
      : window.target !== target
        ? `the window was opened for ${window.target}, not ${target}`
        : `confirmed by ${window.openedBy} at ${formatUtc(window.openedAt)}; freeze_processing recorded`,
  });
  if (window && prove) {
    const held = await checkFreezeWindow(ctx, window);
    checks.push({
      name: "Live files unchanged since the window opened",
      ok: held.ok,
      detail: held.detail,
      evidence: { changes: held.changes },
    });
  } else if (window) {
    const proof = await lastFreezeProof(ctx, window);
    checks.push({
      name: "Live files unchanged since the window opened",
      ok: Boolean(proof?.ok),
      detail: proof
        ? `${proof.detail} (last proved ${formatUtc(proof.provedAt)})`
        : "not proved since the window opened: the final parity run, the flip and the approval prove it",
      evidence: proof ? { changes: proof.changes, provedAt: proof.provedAt } : undefined,
    });
  } else {
    checks.push({ name: "Live files unchanged since the window opened", ok: false, detail: "no freeze window yet" });
  }
  const parity = window ? await finalParityOf(ctx, target, window.openedAt) : null;
  checks.push({
    name: "Final parity run inside the window clean",
    ok: Boolean(parity && parity.open === 0),
    detail: !parity
      ? "no parity run since the window opened (npx cutover final-parity)"
      : `parity run ${parity.runId} at ${formatUtc(parity.startedAt)}: ${countOf(parity.checked, "video")} compared, ${countOf(parity.open, "open difference")}`,
    evidence: parity ? { parityRun: parity.runId } : undefined,
  });
  const parityApproval = await approvalInForce(ctx.db, "parity");
  const drill = await latestDrillRun(ctx.db);
  const drillCounts = Boolean(
    drill && parityApproval && drill.result.startedAt > parityApproval.approvedAt && drill.result.target === target,
  );
  checks.push({
    name: "Delete drill passed after step 4's approval",
    ok: drillCounts && Boolean(drill?.ok),
    detail: !drill
      ? "no delete drill yet (npx cutover drill)"
      : !drillCounts
        ? `the latest drill (#${drill.id}, ${formatUtc(drill.result.startedAt)}) ran before step 4's approval or on another target; run it again`
        : drill.ok
          ? `drill #${drill.id} passed at ${formatUtc(drill.result.finishedAt)}`
          : `drill #${drill.id} failed: ${drill.result.checks
              .filter((c) => !c.ok)
              .map((c) => c.name)
              .join(", ")}`,
    evidence: drill ? { drillRun: drill.id, evidenceHash: drill.evidenceHash } : undefined,
  });
  const scan = await latestScanReview(ctx);
  checks.push({
    name: "Sync-code scan clean or every finding acknowledged",
    ok: Boolean(scan && scan.run.complete && scan.open === 0),
    detail: !scan
      ? "no sync-code scan yet (npx cutover scan)"
      : !scan.run.complete
        ? `scan #${scan.run.id} could not read every folder completely; fix that and scan again`
        : scan.open > 0
          ? `scan #${scan.run.id}: ${scan.open} of ${countOf(scan.findings.length, "finding")} not acknowledged`
          : `scan #${scan.run.id}: ${scan.findings.length === 0 ? "no sync code found" : `all ${countOf(scan.findings.length, "finding")} acknowledged with a note`}`,
    evidence: scan ? { scanRun: scan.run.id } : undefined,
  });
  return checks;
}

export async function cutoverGateChecks(
  ctx: AppContext,
  target: string,
  options: ReadinessOptions = {},
): Promise<CheckResult[]> {
  const checks = await cutoverReadiness(ctx, target, options);
  const flip = await readFlipState(ctx);
  const flipped = Boolean(flip?.active && flip.target === target);
  checks.push({
    name: "Flipped: read_from_postgres recorded",
    ok: flipped,
    detail: !flip
      ? "not flipped yet (npx cutover flip)"
      : !flip.active
        ? `flip ${flip.flipId} was rolled back at ${formatUtc(flip.rolledBack!.at)}; flip again`
        : `flip ${flip.flipId} at ${formatUtc(flip.flippedAt)} by ${flip.flippedBy}`,
    evidence: flip ? { flipId: flip.flipId } : undefined,
  });
  const verified = flipped ? flip!.verified : null;
  checks.push({
    name: "Flip verified",
    ok: Boolean(verified),
    detail: !flipped
      ? "nothing to verify before the flip"
      : !verified
        ? "not verified yet: with DASHBOARD_URL set the tool polls /health/backend; without it, confirm you switched and restarted"
        : verified.how === "health"
          ? `${verified.url} reports ${verified.health.backend} with ${verified.health.record_count} records, the target lists ${verified.expectedCount} (${formatUtc(verified.at)})`
          : `${verified.by} confirmed "${verified.statement}" at ${formatUtc(verified.at)}`,
  });
  return checks;
}
