import type { AppContext } from "../../lib/app-context";
import { backupRunInput, confirmProcessingStopped, manifestOfEvidence } from "../../lib/steps/backup-step";
import { summarizeBackup, type Finding, type SourceSummary } from "../../lib/steps/backup-summary";
import type { ParsedArgs } from "../args";
import { exitForRun, printChecks, runStepFromCli } from "../run-step";

/**
 * `cutover backup [--processing-stopped]`: the flag records the owner's confirmation (audited)
 * before the run; without any recorded confirmation the core refuses with one line.
 */
export async function backupCommand(ctx: AppContext, args: ParsedArgs) {
  const actor = ctx.env.cliActor;
  if (args.flags.has("processing-stopped")) await confirmProcessingStopped(ctx, actor);
  const result = await runStepFromCli(ctx, backupRunInput(ctx, actor));
  const run = await ctx.db.stepRun.findUnique({ where: { id: result.runId } });
  const manifest = manifestOfEvidence(ctx, run?.evidence ?? null);
  if (manifest) {
    for (const summary of summarizeBackup(manifest)) printSource(summary);
    process.stdout.write(`Manifest: ${manifest.backupDir}/manifest.json\n\n`);
  }
  printChecks(result.checks);
  exitForRun(result, "backup");
}

function printSource(source: SourceSummary) {
  const line = (label: string, text: string) => process.stdout.write(`  ${label.padEnd(24)} ${text}\n`);
  const finding = (f: Finding) => `${f.ok ? "✓" : f.waivable ? "!" : "✕"} ${f.text}`;
  process.stdout.write(`${source.verified ? "✓" : "✕"} ${source.label} snapshot\n`);
  line("source file", source.sourcePath);
  line("snapshot", source.snapshotPath);
  line("size", source.size);
  line("sha256", source.sha256);
  line("integrity", finding(source.integrity));
  line("restore test", finding(source.restoreTest));
  line("unchanged during backup", finding(source.stability));
  line("categorization", source.categorization.compared ? finding(source.categorization) : source.categorization.text);
  line("tables", `${source.tables.length} tables, ${source.totalRows} rows`);
  for (const table of source.tables) {
    process.stdout.write(
      `    ${table.name.padEnd(28)} ${String(table.columns).padStart(3)} columns ${String(table.rows).padStart(9)} rows\n`,
    );
  }
  process.stdout.write("\n");
}
