import type { AppContext } from "../../lib/app-context";
import { planAction } from "../../lib/steps/copy-step";
import type { ParsedArgs } from "../args";
import { createProgressPrinter, printJson } from "../output";

/** `cutover plan [--json]`: builds the merge plan (reads the sources, writes only the control DB). */
export async function planCommand(ctx: AppContext, args: ParsedArgs) {
  const result = await planAction(ctx, ctx.env.cliActor, createProgressPrinter());
  if (process.stderr.isTTY) process.stderr.write("\n");
  const { counts, quarantine, categorized, summaries } = result.counts;
  if (args.flags.has("json")) return printJson({ counts, quarantine, categorized, summaries });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Plan #${result.planId}: ${result.records} records`);
  for (const [name, n] of Object.entries(counts)) out(`  ${name.padEnd(24)} ${n}`);
  out(`  categorization records   ${categorized}`);
  out(`  summaries                ${summaries}`);
  out(
    `Quarantine: ${
      Object.entries(quarantine)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(", ") || "none"
    }`,
  );
  out("Nothing was written to the target. Copy with: cutover copy");
}
