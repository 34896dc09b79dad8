import type { AppContext } from "../../lib/app-context";
import { copyRunInput, verifyRunInput } from "../../lib/steps/copy-step";
import { withTargetForCommand } from "../../lib/target/target-url";
import type { ParsedArgs } from "../args";
import { printJson } from "../output";
import { describeTargetFor } from "../target-line";
import { exitForRun, printChecks, runStepFromCli } from "../run-step";

/**
 * `cutover copy`: plan if needed, copy (resuming an interrupted run), verify; exit 0 only when
 * verify passes. Ctrl-C stops after the current batch and leaves a resumable state.
 */
export async function copyCommand(ctx: AppContext) {
  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write("\ncutover: stopping after the current batch…\n");
    abort.abort();
  };
  process.once("SIGINT", onSigint);
  try {
    const result = await withTargetForCommand(ctx, (databaseUrl) => {
      process.stderr.write(`Target: ${describeTargetFor(ctx, databaseUrl)}\n`);
      return runStepFromCli(ctx, copyRunInput(ctx, databaseUrl, ctx.env.cliActor, { signal: abort.signal }));
    });
    printChecks(result.checks);
    exitForRun(result, "copy");
  } finally {
    process.off("SIGINT", onSigint);
  }
}

/** `cutover verify [--json]`: exit 0 only when every check passes. */
export async function verifyCommand(ctx: AppContext, args: ParsedArgs) {
  const result = await withTargetForCommand(ctx, (databaseUrl) =>
    runStepFromCli(ctx, verifyRunInput(ctx, databaseUrl, ctx.env.cliActor)),
  );
  const ok = result.checks.every((check) => check.ok);
  if (args.flags.has("json"))
    printJson({ ok, checks: result.checks.map(({ name, ok, detail }) => ({ name, ok, detail })) });
  else printChecks(result.checks);
  if (!ok) process.exitCode = 1;
}
