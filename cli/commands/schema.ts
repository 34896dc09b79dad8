import type { AppContext } from "../../lib/app-context";
import { applySchemaRunInput, previewSchema, type SchemaPreview } from "../../lib/steps/schema-step";
import { closeTargetDb } from "../../lib/target/target-db";
import { withTargetForCommand } from "../../lib/target/target-url";
import type { StepStatus } from "../../lib/workflow/step-state";
import { getStepStatusOrThrow } from "../../lib/workflow/workflow";
import type { ParsedArgs } from "../args";
import { describeTargetFor } from "../target-line";
import { exitForRun, printChecks, runStepFromCli } from "../run-step";

/**
 * `cutover schema --dry-run` shows the plan and changes nothing; it exits 0 even when conflicts
 * block apply, because showing them is what it was asked to do (they are listed first).
 * `cutover schema` applies through the workflow core and exits 0 only when every check passed.
 */
export async function schemaCommand(ctx: AppContext, args: ParsedArgs) {
  if (args.flags.has("dry-run")) {
    const status = await getStepStatusOrThrow(ctx, "schema");
    await withTargetForCommand(ctx, async (databaseUrl) => {
      try {
        printPreview(await previewSchema(ctx, databaseUrl), status);
      } finally {
        await closeTargetDb(databaseUrl);
      }
    });
    return;
  }
  const result = await withTargetForCommand(ctx, (databaseUrl) => {
    process.stderr.write(`Applying the schema to ${describeTargetFor(ctx, databaseUrl)}…\n`);
    return runStepFromCli(ctx, applySchemaRunInput(databaseUrl, ctx.env.cliActor));
  });
  printChecks(result.checks);
  exitForRun(result, "schema");
}

function printPreview({ target, plan, sql, flags }: SchemaPreview, status: StepStatus) {
  const out = (line = "") => process.stdout.write(`${line}\n`);
  const { present, missing, outdated, different, unavailable } = plan.counts;
  out(`Target: ${target.where} (${target.kind})`);
  out(
    `Plan: ${plan.items.length} objects: ${present} present, ${missing} missing, ` +
      (outdated ? `${outdated} outdated (made by an earlier version), ` : "") +
      `${different} different` +
      (unavailable ? `, ${unavailable} unavailable on this server` : ""),
  );
  if (plan.conflicts.length > 0) {
    out();
    out(`CONFLICTS (${plan.conflicts.length}): apply is blocked until each one is resolved by hand.`);
    out("The tool never drops or alters an object it did not make; rename or drop these yourself, then run again.");
    for (const item of plan.conflicts)
      out(`  ! ${item.kind.padEnd(10)} ${item.name}: ${item.reason ?? "another shape"}`);
  }
  const toCreate = plan.items.filter((item) => item.state === "missing");
  if (toCreate.length > 0) {
    out();
    out(`Missing (${toCreate.length}), will be created:`);
    for (const item of toCreate) out(`  + ${item.kind.padEnd(10)} ${item.name}`);
  }
  const forward = plan.items.filter((item) => item.state === "outdated");
  if (forward.length > 0) {
    out();
    out(`Made by an earlier version of this tool (${forward.length}), brought forward:`);
    for (const item of forward) out(`  ~ ${item.kind.padEnd(10)} ${item.name}: ${item.reason}`);
  }
  for (const item of plan.items.filter((i) => i.state === "unavailable")) {
    out();
    out(`Left out: ${item.kind} ${item.name}: ${item.reason}.`);
  }
  if (flags) {
    out();
    out(`migration_flags: ${flags.map((flag) => `${flag.name}=${flag.enabled ? "on" : "off"}`).join(", ")}`);
  }
  out();
  out(
    plan.conflicts.length > 0 ? "SQL: none will run while there are conflicts." : "SQL that `cutover schema` will run:",
  );
  out(sql.trimEnd());
  out();
  out(nextStep(status, plan.conflicts.length));
}

function nextStep(status: StepStatus, conflicts: number): string {
  if (status.state === "locked") return `Nothing was changed. ${status.reason} Until then \`cutover schema\` refuses.`;
  if (conflicts > 0) return "Nothing was changed. `cutover schema` refuses until the conflicts are resolved.";
  return "Nothing was changed (dry run). Apply with: cutover schema";
}
