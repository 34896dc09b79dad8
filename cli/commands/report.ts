import type { AppContext } from "../../lib/app-context";
import { buildReport, reportBody, writeReportFile } from "../../lib/report/generate";
import { withTargetForCommand } from "../../lib/target/target-url";
import type { ParsedArgs } from "../args";

/**
 * `cutover report [--out FILE] [--json]`: the evidence report as HTML (or its facts as JSON).
 * With --out it is written to a new file and recorded in the audit log with its SHA-256;
 * without, it goes to stdout and nothing is recorded. Before step 6 is approved it is a draft,
 * and says so first.
 */
export async function reportCommand(ctx: AppContext, args: ParsedArgs) {
  // The categorization records compare with PostgreSQL: reach the embedded one as copy does.
  return withTargetForCommand(ctx, () => writeReport(ctx, args));
}

async function writeReport(ctx: AppContext, args: ParsedArgs) {
  const format = args.flags.has("json") ? "json" : "html";
  const out = args.flags.get("out");
  if (typeof out === "string") {
    const { file, report } = await writeReportFile(ctx, ctx.env.cliActor, out, format);
    if (report.facts.draft) process.stderr.write(`Draft: ${report.facts.draftReason}\n`);
    process.stdout.write(`Wrote ${file} (SHA-256 ${report.sha256[format]}, recorded in the audit log).\n`);
    return;
  }
  const report = await buildReport(ctx);
  if (report.facts.draft) process.stderr.write(`Draft: ${report.facts.draftReason}\n`);
  process.stdout.write(reportBody(report, format));
}
