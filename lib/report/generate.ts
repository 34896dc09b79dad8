import "server-only";
import { existsSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { sha256Hex } from "../common/canonical-json";
import { OwnerFacingError } from "../workflow/types";
import { gatherReportFacts } from "./facts";
import { renderReportHtml } from "./render-html";
import type { ReportFacts } from "./types";

/**
 * The report in both forms from one gathering of the facts, with the SHA-256 of each. Delivered
 * (downloaded, or written to a file) it is recorded in the audit log with both hashes, so the
 * owner can later prove which document he was given.
 */
export type ReportFormat = "html" | "json";
export type RenderedReport = { facts: ReportFacts; html: string; json: string; sha256: { html: string; json: string } };

export async function buildReport(ctx: AppContext): Promise<RenderedReport> {
  const facts = await gatherReportFacts(ctx);
  const html = renderReportHtml(facts);
  const json = `${JSON.stringify(facts, null, 2)}\n`;
  return { facts, html, json, sha256: { html: sha256Hex(html), json: sha256Hex(json) } };
}

export function reportBody(report: RenderedReport, format: ReportFormat): string {
  return format === "json" ? report.json : report.html;
}

async function recordDelivery(
  ctx: AppContext,
  actor: string,
  report: RenderedReport,
  delivery: { format: ReportFormat; to: "download" | "file"; file?: string },
) {
  await appendAudit(ctx.db, {
    actor,
    step: "archive",
    action: "report",
    outcome: "ok",
    detail: {
      ...delivery,
      sha256: report.sha256,
      draft: report.facts.draft,
      generatedAt: report.facts.generatedAt,
      auditHead: { seq: report.facts.audit.headSeq, hash: report.facts.audit.headHash },
    },
  });
}

/** For the panel's download: the body, and its delivery recorded with both hashes. */
export async function reportForDownload(ctx: AppContext, actor: string, format: ReportFormat) {
  const report = await buildReport(ctx);
  await recordDelivery(ctx, actor, report, { format, to: "download" });
  return { body: reportBody(report, format), report };
}

/**
 * Writes the report to a new file: a path that exists is refused before anything is gathered,
 * and the write itself is exclusive, so an existing file is never replaced.
 */
export async function writeReportFile(ctx: AppContext, actor: string, file: string, format: ReportFormat) {
  const target = path.resolve(file);
  assertWritableNewPath(target);
  const report = await buildReport(ctx);
  try {
    writeFileSync(target, reportBody(report, format), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw existsError(target);
    throw new OwnerFacingError(`Could not write the report to ${target}: ${(error as Error).message}`, "write-failed");
  }
  await recordDelivery(ctx, actor, report, { format, to: "file", file: target });
  return { file: target, report };
}

function existsError(target: string) {
  return new OwnerFacingError(
    `Refused: ${target} already exists; choose a new file name (nothing was written).`,
    "exists",
  );
}

function assertWritableNewPath(target: string) {
  if (existsSync(target)) throw existsError(target);
  const dir = path.dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new OwnerFacingError(`Refused: the folder ${dir} does not exist (nothing was written).`, "no-folder");
  }
}
