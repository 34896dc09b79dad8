import type { AppContext } from "../../lib/app-context";
import { formatUtc } from "../../lib/common/format-time";
import { runFinalParity } from "../../lib/cutover/final-parity";
import { flip, verifyFlip } from "../../lib/cutover/flip";
import type { RollbackDelta } from "../../lib/cutover/flip-snapshot";
import { readFlipState } from "../../lib/cutover/flip-state";
import { checkFreezeWindow, openFreezeWindow, readFreezeWindow } from "../../lib/cutover/freeze-window";
import { cutoverGateChecks } from "../../lib/cutover/gate";
import { previewRollback, rollback } from "../../lib/cutover/rollback";
import { acknowledgeFinding, latestScanReview, recordScan, type ScanReview } from "../../lib/cutover/scan-review";
import { FLIP_PHRASE, FLIP_SWITCHES, ROLLBACK_PHRASE, SWITCHED_PHRASE } from "../../lib/cutover/switches";
import { cutoverRunInput } from "../../lib/steps/cutover-step";
import { describeTarget } from "../../lib/target/connect";
import { withTargetForCommand } from "../../lib/target/target-url";
import { getStepStatusOrThrow, runStepAction } from "../../lib/workflow/workflow";
import type { CheckResult } from "../../lib/workflow/types";
import type { ParsedArgs } from "../args";
import { createProgressPrinter, printJson } from "../output";
import { printReport, scanCommand } from "./scan";
import { countOf } from "@/lib/common/plural";

/**
 * Step 5's commands: `freeze`, `final-parity`, `scan` (recorded for the gate once step 5 is open;
 * `--acknowledge`), `flip` (typed; `--verify`) and `rollback` (the delta; typed to act). Each
 * action is the core's (lib/cutover), refused in one line while step 4 is not approved.
 */
const out = (line: string) => process.stdout.write(`${line}\n`);
const text = (args: ParsedArgs, name: string) => {
  const value = args.flags.get(name);
  return typeof value === "string" ? value : undefined;
};

function printChecks(checks: CheckResult[]) {
  for (const check of checks) out(`${check.ok ? "✓" : "✕"} ${check.name}: ${check.detail}`);
}

export async function freezeCommand(ctx: AppContext, args: ParsedArgs) {
  if (args.flags.has("processing-stopped")) {
    const window = await withTargetForCommand(ctx, (url) => openFreezeWindow(ctx, url, ctx.env.cliActor));
    if (args.flags.has("json"))
      printJson({
        ok: true,
        openedAt: window.openedAt,
        target: window.target,
        sources: window.sources.map(({ role, fingerprint }) => ({ role, fingerprint })),
      });
    else {
      out(
        `Freeze window opened at ${formatUtc(window.openedAt)} by ${window.openedBy}; freeze_processing recorded on ${window.target}.`,
      );
      for (const source of window.sources) out(`  ${source.role}: fingerprint ${source.fingerprint.slice(0, 16)}…`);
    }
    return;
  }
  const window = await readFreezeWindow(ctx);
  const held = window ? await checkFreezeWindow(ctx, window) : null;
  if (args.flags.has("json"))
    printJson({ ok: Boolean(held?.ok), openedAt: window?.openedAt ?? null, changes: held?.changes ?? [] });
  else if (!window)
    out("No freeze window yet: stop the NAS processing, then run npx cutover freeze --processing-stopped.");
  else out(`Freeze window opened at ${formatUtc(window.openedAt)} by ${window.openedBy}: ${held!.detail}.`);
  if (!held?.ok) process.exitCode = 1;
}

export async function finalParityCommand(ctx: AppContext, args: ParsedArgs) {
  const result = await withTargetForCommand(ctx, (url) =>
    runFinalParity(ctx, url, ctx.env.cliActor, createProgressPrinter()),
  );
  const open = result.differences.filter((d) => !d.accepted);
  if (args.flags.has("json"))
    printJson({ ok: result.clean, parityRun: result.runId, checked: result.checked, open: open.length });
  else {
    for (const d of open) out(`  ${d.videoId}  ${d.kind}${d.field ? ` ${d.field}` : ""}`);
    out(
      `Final parity run ${result.runId}: ${result.checked} videos compared, ${countOf(open.length, "open difference")}.`,
    );
  }
  if (!result.clean) process.exitCode = 1;
}

function scanJson(review: ScanReview) {
  return {
    ok: review.run.complete && review.open === 0,
    scanRun: review.run.id,
    complete: review.run.complete,
    open: review.open,
    findings: review.findings.map(({ fingerprint, folder, file, line, kind, snippet, why, acknowledged }) => ({
      id: fingerprint,
      folder,
      file,
      line,
      kind,
      snippet,
      why,
      acknowledged,
    })),
  };
}

/**
 * `scan` reads only while step 5 is locked (as before); once it is open the scan is recorded,
 * and its findings listed with their ids for `--acknowledge <id> --note TEXT`.
 */
export async function scanForGateCommand(ctx: AppContext, args: ParsedArgs) {
  const json = args.flags.has("json");
  const id = text(args, "acknowledge");
  if (id !== undefined) {
    const finding = await acknowledgeFinding(ctx, id, text(args, "note") ?? "", ctx.env.cliActor);
    const state = (await latestScanReview(ctx))!;
    if (json) printJson(scanJson(state));
    else
      out(
        `Acknowledged ${finding.file}:${finding.line} (${finding.kind}); ${countOf(state.open, "finding")} of scan #${state.run.id} still open.`,
      );
    if (state.open > 0) process.exitCode = 1;
    return;
  }
  if ((await getStepStatusOrThrow(ctx, "cutover")).state === "locked") {
    // said after the scan, so a refused folder stays one line
    await scanCommand(ctx, { dirs: args.positionals, json });
    process.stderr.write("Step 5 is locked until step 4 is approved: this scan is not recorded for its gate.\n");
    return;
  }
  const review = await recordScan(ctx, ctx.env.cliActor, args.positionals, createProgressPrinter());
  if (process.stderr.isTTY) process.stderr.write("\n");
  if (json) printJson(scanJson(review));
  else {
    printReport({
      folders: review.run.folders,
      findings: review.findings,
      complete: review.run.complete,
      durationMs: 0,
    });
    for (const f of review.findings)
      out(
        `  ${f.acknowledged ? "acknowledged" : "open"}  id ${f.fingerprint.slice(0, 12)}  ${f.file}:${f.line}${f.acknowledged ? ` — “${f.acknowledged.note}”` : ""}`,
      );
    out(
      `Scan #${review.run.id} recorded: ${countOf(review.open, "open finding")}${review.open ? ' (npx cutover scan --acknowledge <id> --note "why it is safe")' : ""}.`,
    );
  }
  if (!review.run.complete || review.open > 0) process.exitCode = 1;
}

/**
 * `flip`: without flags, the gate as it stands. `--confirm "<phrase>"`: the flip, its switches,
 * then (with DASHBOARD_URL) the verification. `--verify [--confirm "<phrase>"]`: verifies again,
 * by /health/backend or, without DASHBOARD_URL, the owner's typed confirmation. A verified flip
 * runs the step's checks, so approval is offered.
 */
export async function flipCommand(ctx: AppContext, args: ParsedArgs) {
  const json = args.flags.has("json");
  const confirm = text(args, "confirm");
  await withTargetForCommand(ctx, async (url) => {
    const target = describeTarget(url);
    if (!args.flags.has("verify") && confirm === undefined) {
      const checks = await cutoverGateChecks(ctx, target);
      if (json)
        printJson({
          ok: checks.every((c) => c.ok),
          checks: checks.map(({ name, ok, detail }) => ({ name, ok, detail })),
        });
      else {
        printChecks(checks);
        if (!(await readFlipState(ctx))?.active) out(`To flip: npx cutover flip --confirm "${FLIP_PHRASE}"`);
      }
      if (!checks.every((c) => c.ok)) process.exitCode = 1;
      return;
    }
    let switches: readonly string[] = [];
    if (!args.flags.has("verify")) {
      const flipped = await flip(ctx, url, ctx.env.cliActor, confirm);
      switches = flipped.switches;
      if (!json) {
        out(`Flip ${flipped.state.flipId} recorded: read_from_postgres is on in ${target}. Now change the switches:`);
        for (const line of switches) out(`  ${line}`);
      }
      if (!ctx.env.dashboardUrl) {
        if (json) printJson({ ok: false, flipId: flipped.state.flipId, verified: null, switches });
        else out(`Then confirm: npx cutover flip --verify --confirm "${SWITCHED_PHRASE}" (DASHBOARD_URL is not set).`);
        process.exitCode = 1;
        return;
      }
      if (!json) out(`Polling ${ctx.env.dashboardUrl}/health/backend until the Dashboard reads PostgreSQL…`);
    }
    const verified = await verifyFlip(ctx, url, ctx.env.cliActor, {
      confirmation: args.flags.has("verify") ? confirm : undefined,
    });
    const run = await runStepAction(ctx, cutoverRunInput(ctx, url, ctx.env.cliActor));
    if (json)
      printJson({
        ok: run.status === "passed",
        flipId: verified.flipId,
        verified: verified.verified,
        switches,
        checks: run.checks.map(({ name, ok, detail }) => ({ name, ok, detail })),
      });
    else {
      out(`Flip ${verified.flipId} verified.`);
      printChecks(run.checks);
      if (run.status === "passed") out("Step 5's checks passed: approve with npx cutover approve cutover.");
    }
    if (run.status !== "passed") process.exitCode = 1;
  });
}

function printDelta(delta: RollbackDelta) {
  const list = (label: string, entries: RollbackDelta["wouldComeBack"]) => {
    out(`${label}: ${entries.length}`);
    for (const e of entries) out(`  ${e.videoId}${e.title ? `  ${e.title}` : ""}`);
  };
  list("Deleted in PostgreSQL since the flip, still in the Dashboard's file (would come back)", delta.wouldComeBack);
  list("Written to PostgreSQL since the flip, missing from the Dashboard's file (would vanish)", delta.wouldVanish);
  list("Changed in PostgreSQL since the flip (the file shows an older state)", delta.changedSinceFlip);
  out(`Written since the flip and already in the file (dual write): ${delta.alreadyInSqlite}`);
}

/** `rollback`: shows the delta and changes nothing; `--confirm "<phrase>"` rolls back. */
export async function rollbackCommand(ctx: AppContext, args: ParsedArgs) {
  const json = args.flags.has("json");
  const confirm = text(args, "confirm");
  await withTargetForCommand(ctx, async (url) => {
    if (confirm === undefined) {
      const { state, delta } = await previewRollback(ctx, url);
      if (json) printJson({ ok: true, rolledBack: false, flipId: state.flipId, delta });
      else {
        out(`Rolling back flip ${state.flipId} (${formatUtc(state.flippedAt)}) would do this to the Dashboard's view:`);
        printDelta(delta);
        out(`Nothing was changed. To roll back: npx cutover rollback --confirm "${ROLLBACK_PHRASE}"`);
      }
      return;
    }
    const done = await rollback(ctx, url, ctx.env.cliActor, confirm);
    if (json)
      printJson({
        ok: true,
        rolledBack: true,
        flipId: done.state.flipId,
        delta: done.delta,
        revoked: done.revoked,
        switches: done.switches,
      });
    else {
      printDelta(done.delta);
      out(
        `Rolled back flip ${done.state.flipId}: read_from_postgres is off${done.revoked.length ? `; approval of ${done.revoked.join(", ")} revoked` : ""}. Now change the switches back:`,
      );
      for (const line of FLIP_SWITCHES.backToSqlite) out(`  ${line}`);
    }
  });
}
