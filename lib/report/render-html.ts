import { formatUtc } from "../common/format-time";
import { esc, mark, table } from "./html";
import { REPORT_CSS } from "./report-css";
import {
  renderCategorizationCount,
  renderCategorizationRecords,
  renderLaterSection,
  renderQuarantine,
} from "./render-sections";
import type { AuditFacts, ReportFacts, StepFacts } from "./types";

/**
 * The evidence report as one self-contained HTML page: inline CSS, no script, no link, no
 * image, nothing fetched. Pure: the same facts give the same bytes.
 */
export function renderReportHtml(facts: ReportFacts): string {
  const title = `${facts.draft ? "DRAFT — " : ""}YTV2 cutover: evidence report`;
  const banner = facts.draft
    ? `<p class="banner" id="draft">DRAFT — ${esc(facts.draftReason)}</p>`
    : `<p class="banner" id="final">Final: all six steps are approved.</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${banner}
<header>
<h1>${esc(title)}</h1>
<p class="meta">Generated ${esc(formatUtc(facts.generatedAt))} (${esc(facts.generatedAt)}). Audit chain head: entry #${esc(facts.audit.headSeq ?? 0)}, <span class="mono">${esc(facts.audit.headHash)}</span>, ${facts.audit.verified ? mark("ok", "verified") : mark("failed", "NOT verified")}.</p>
<p class="meta">To check this file: compute its SHA-256 and compare it with the audit log's "report" entry, written when the report was downloaded from the panel or saved with <code>cutover report --out</code>.</p>
</header>
${renderSteps(facts.steps)}
${renderAudit(facts.audit)}
${renderCategorizationCount(facts.categorizationCount)}
${renderCategorizationRecords(facts.categorizationRecords)}
${renderQuarantine(facts.quarantine)}
${facts.sections.map(renderLaterSection).join("\n")}
</body>
</html>
`;
}

function renderSteps(steps: StepFacts[]): string {
  const summary = table(
    ["#", "Step", "State", "Evidence hash"],
    steps.map((s) => [
      esc(s.number),
      esc(s.title),
      mark(s.state),
      s.evidenceRun?.evidenceHash
        ? `<span class="mono">${esc(s.evidenceRun.evidenceHash)}</span>`
        : `<span class="none">none</span>`,
    ]),
  );
  return `<section id="steps">
<h2>The six steps</h2>
${summary}
${steps.map(renderStep).join("\n")}
</section>`;
}

function renderStep(step: StepFacts): string {
  const run = step.evidenceRun;
  const evidence = run
    ? `<p>Evidence: run #${esc(run.id)} (${esc(run.action)}, ${mark(run.status)}), started ${esc(formatUtc(run.startedAt))}, finished ${esc(formatUtc(run.finishedAt))}; evidence hash <span class="mono">${esc(run.evidenceHash ?? "none")}</span>.</p>
${
  run.checks.length
    ? table(
        ["Check", "Result", "Detail"],
        run.checks.map((c) => [
          esc(c.name),
          c.ok ? mark("ok") : mark("failed", c.waivable ? "failed (waivable)" : "failed"),
          esc(c.detail),
        ]),
        { caption: "Checks of that run" },
      )
    : `<p class="none">That run recorded no checks.</p>`
}`
    : `<p class="none">No run with evidence yet.</p>`;
  const approvals = step.approvals.length
    ? table(
        ["Approval", "Who", "When", "Note", "Evidence hash", "Standing"],
        step.approvals.map((a) => [
          `#${esc(a.id)} (run #${esc(a.runId)})`,
          esc(a.actor),
          esc(formatUtc(a.approvedAt)),
          a.note ? esc(a.note) : `<span class="none">none</span>`,
          `<span class="mono">${esc(a.evidenceHash)}</span>`,
          a.inForce
            ? mark("approved", "in force")
            : `${mark("failed", "revoked")} ${esc(formatUtc(a.revokedAt))}: ${esc(a.revokedReason ?? "")}`,
        ]),
        { caption: "Approvals" },
      )
    : `<p class="none">Never approved.</p>`;
  return `<div class="step" id="step-${esc(step.id)}">
<h3>Step ${esc(step.number)}: ${esc(step.title)} — ${mark(step.state)}</h3>
<p>Gate: ${esc(step.gate)}</p>
<p>${esc(step.reason)}</p>
${evidence}
${approvals}
</div>`;
}

function renderAudit(audit: AuditFacts): string {
  const verdict = audit.verified
    ? `${mark("ok", "verified")}: every entry's hash covers its content and the entry before it.`
    : `${mark("failed", "broken")} at entry #${esc(audit.broken?.seq)}: ${esc(audit.broken?.reason)}.`;
  return `<section id="audit">
<h2>Audit log</h2>
<p>${esc(audit.entries)} entries; head entry #${esc(audit.headSeq ?? 0)}, hash <span class="mono">${esc(audit.headHash)}</span>.</p>
<p>Chain verification: ${verdict}</p>
</section>`;
}
