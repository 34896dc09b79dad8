import type { AppContext } from "../lib/app-context";
import type { CheckResult } from "../lib/workflow/types";
import { type RunInput, type RunResult, runStepAction } from "../lib/workflow/workflow";
import { createProgressPrinter } from "./output";

/** Runs a step action through the same core as the panel, with progress on stderr. */
export async function runStepFromCli(ctx: AppContext, input: RunInput): Promise<RunResult> {
  const print = createProgressPrinter();
  const result = await runStepAction(ctx, {
    ...input,
    execute: (report) =>
      input.execute((progress) => {
        report(progress);
        print(progress);
      }),
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  return result;
}

export function printChecks(checks: CheckResult[]) {
  for (const check of checks) {
    const mark = check.ok ? "✓" : check.waivable ? "!" : "✕";
    process.stdout.write(`${mark} ${check.name}: ${check.detail}\n`);
  }
}

/** Exit code 0 only when the run passed; the failing checks are already printed. */
export function exitForRun(result: RunResult, stepTitle: string) {
  if (result.status === "passed") {
    process.stdout.write(`Run #${result.runId} passed; approve with: cutover approve ${stepTitle}\n`);
    return;
  }
  process.stderr.write(`cutover: run #${result.runId} failed its checks; nothing to approve.\n`);
  process.exitCode = 1;
}
