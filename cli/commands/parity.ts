import type { AppContext } from "../../lib/app-context";
import { NAS_SWITCHES, setDualWrite } from "../../lib/parity/dual-write";
import { KIND_WORDS } from "../../lib/parity/kinds";
import type { ParityResult } from "../../lib/parity/run-parity";
import { parityRunInput } from "../../lib/steps/parity-step";
import { withTargetForCommand } from "../../lib/target/target-url";
import type { ParsedArgs } from "../args";
import { printJson } from "../output";
import { describeTargetFor } from "../target-line";
import { printChecks, runStepFromCli } from "../run-step";

const LISTED = 50;

/**
 * `cutover parity [--json]`: one parity run through the step's core; prints its differences and
 * the gate's checks. Exit 0 only when the run is clean (no difference, or each one accepted).
 * Ctrl-C stops after the current batch; the next run resumes while the sources hold the same videos.
 */
export async function parityCommand(ctx: AppContext, args: ParsedArgs) {
  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write("\ncutover: stopping after the current batch…\n");
    abort.abort();
  };
  process.once("SIGINT", onSigint);
  try {
    let parity: ParityResult | undefined;
    const result = await withTargetForCommand(ctx, (databaseUrl) => {
      process.stderr.write(`Target: ${describeTargetFor(ctx, databaseUrl)}\n`);
      const input = parityRunInput(ctx, databaseUrl, ctx.env.cliActor, {
        signal: abort.signal,
        onResult: (r) => (parity = r),
      });
      return runStepFromCli(ctx, input);
    });
    const run = parity!;
    if (args.flags.has("json")) {
      printJson({
        ok: run.clean,
        runId: run.runId,
        stepRunId: result.runId,
        checked: run.checked,
        counts: run.counts,
        newSinceCopy: run.newSinceCopy,
        seenInBoth: run.seenInBoth,
        differences: run.differences.map(({ id, videoId, kind, field, sourceValue, targetValue, accepted }) => ({
          id,
          videoId,
          kind,
          field,
          sourceValue,
          targetValue,
          accepted,
        })),
        gate: {
          passed: result.status === "passed",
          checks: result.checks.map(({ name, ok, detail }) => ({ name, ok, detail })),
        },
      });
    } else {
      process.stdout.write(
        `Parity: ${run.checked} videos compared (${run.merged} merged, ${run.reused} unchanged since the last run), ${run.newSinceCopy} new since the copy.\n`,
      );
      for (const d of run.differences.slice(0, LISTED)) {
        process.stdout.write(
          `${d.accepted ? "  accepted" : "  open"} #${d.id} ${d.videoId} ${d.kind}${d.field ? ` ${d.field}` : ""} (${KIND_WORDS[d.kind]}): SQLite ${d.sourceValue} | PostgreSQL ${d.targetValue}\n`,
        );
      }
      if (run.differences.length > LISTED)
        process.stdout.write(`  … ${run.differences.length - LISTED} more (--json lists all)\n`);
      printChecks(result.checks);
    }
    if (!run.clean) process.exitCode = 1;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

/** `cutover dual-write on|off`: records the owner's confirmation; prints the switches it stands for. */
export async function dualWriteCommand(ctx: AppContext, args: ParsedArgs) {
  const mode = args.positionals[0] as "on" | "off";
  const { changed, state } = await withTargetForCommand(ctx, (databaseUrl) =>
    setDualWrite(ctx, databaseUrl, mode, ctx.env.cliActor),
  );
  process.stdout.write(
    changed
      ? `Dual write ${mode} recorded at ${state.since} by ${state.by} for ${state.target}.\n`
      : `Dual write was already ${mode} (since ${state.since}, by ${state.by}); nothing changed.\n`,
  );
  process.stdout.write(`${NAS_SWITCHES[mode]}\n`);
}
