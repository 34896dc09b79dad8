import type { AppContext } from "../../lib/app-context";
import { drillAction, type StoredDrillRun } from "../../lib/drill/drill-run";
import { withTargetForCommand } from "../../lib/target/target-url";
import type { ParsedArgs } from "../args";
import { printJson } from "../output";
import { describeTargetFor } from "../target-line";

const out = (line: string) => process.stdout.write(`${line}\n`);

/** The stable shape of `drill --json` (README, CLI). */
export function drillJson({ id, ok, evidenceHash, result }: StoredDrillRun) {
  return {
    ok,
    drillRun: id,
    evidenceHash,
    target: result.target,
    scratchSchema: result.scratchSchema,
    leftoversDropped: result.leftoversDropped,
    leftOut: result.leftOut,
    checks: result.checks.map(({ name, ok, detail, ms }) => ({ name, ok, detail, ms })),
    nonCascade: result.nonCascade.map(({ table, constraint, onDelete }) => ({ table, constraint, onDelete })),
    totalMs: result.totalMs,
  };
}

function printRun({ id, ok, evidenceHash, result }: StoredDrillRun) {
  if (result.leftoversDropped.length > 0)
    out(
      `Dropped ${result.leftoversDropped.length} scratch schema(s) an earlier, interrupted drill left: ${result.leftoversDropped.join(", ")}`,
    );
  for (const check of result.checks) out(`${check.ok ? "✓" : "✕"} ${check.name} (${check.ms} ms): ${check.detail}`);
  if (result.nonCascade.length > 0) {
    out("Tables that reference content without ON DELETE CASCADE:");
    for (const r of result.nonCascade) out(`  ${r.table}  ${r.constraint}  ON DELETE ${r.onDelete}`);
  }
  const failed = result.checks.filter((check) => !check.ok).length;
  out(
    ok
      ? `Drill #${id} passed: ${result.checks.length} checks in ${Math.round(result.totalMs)} ms; stored with evidence hash ${evidenceHash.slice(0, 12)}…`
      : `Drill #${id} failed ${failed} of ${result.checks.length} checks; stored with evidence hash ${evidenceHash.slice(0, 12)}…`,
  );
}

/**
 * `cutover drill [--json]`: the delete drill of step 5 against the configured target, in a
 * scratch schema it drops afterwards. Refused until step 3 is approved. Exit 0 only when every
 * check passed; a drill that could not run stores nothing and says why in one line.
 */
export async function drillCommand(ctx: AppContext, args: ParsedArgs) {
  const run = await withTargetForCommand(ctx, (databaseUrl) => {
    process.stderr.write(`Delete drill on ${describeTargetFor(ctx, databaseUrl)}, in a scratch schema…\n`);
    return drillAction(ctx, databaseUrl, ctx.env.cliActor, {
      onCheck: (name, index, total) => {
        process.stderr.write(`  ${index + 1}/${total} ${name}\n`);
      },
    });
  });
  if (args.flags.has("json")) printJson(drillJson(run));
  else printRun(run);
  if (!run.ok) process.exitCode = 1;
}
