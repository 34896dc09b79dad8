import type { AppContext } from "../../lib/app-context";
import {
  archiveRunInput,
  moveOriginalsAside,
  MOVE_ASIDE_PHRASE,
  type ArchivedSource,
} from "../../lib/steps/archive-step";
import { openWriteGuard } from "../../lib/steps/write-guard";
import { withTargetForCommand } from "../../lib/target/target-url";
import type { ParsedArgs } from "../args";
import { printJson } from "../output";
import { describeTargetFor } from "../target-line";
import { exitForRun, printChecks, runStepFromCli } from "../run-step";

/**
 * `cutover archive` (step 6), in the order the step asks for:
 * `--open-window` opens the write-guard window (after dual-write off); a bare `archive` closes it
 * and archives both sources; `--confirm "<phrase>"` moves the local originals aside.
 */
export async function archiveCommand(ctx: AppContext, args: ParsedArgs) {
  const asJson = args.flags.has("json");
  if (args.flags.has("open-window")) {
    const window = await withTargetForCommand(ctx, (databaseUrl) => openWriteGuard(ctx, databaseUrl, ctx.env.cliActor));
    if (asJson) return printJson({ openedAt: window.openedAt, target: window.target });
    process.stdout.write(
      `Write-guard window opened at ${window.openedAt} (NAS ${window.sources.nas.fingerprint.slice(0, 12)}…, Dashboard ${window.sources.dashboard.fingerprint.slice(0, 12)}…).\n` +
        "Let the NAS process at least one video (PostgreSQL only now), then run: cutover archive\n",
    );
    return;
  }
  const confirm = args.flags.get("confirm");
  if (typeof confirm === "string") {
    const outcome = await moveOriginalsAside(ctx, ctx.env.cliActor, confirm);
    if (asJson) {
      return printJson({
        moved: outcome.moved.map((m) => ({
          label: m.label,
          archiveDir: m.archiveDir,
          outcome: m.outcome,
          files: m.moved.files.map(({ from, to }) => ({ from, to })),
        })),
        ownerMustRemove: outcome.ownerMustRemove,
      });
    }
    for (const m of outcome.moved) {
      const verb = m.outcome === "moved" ? "Moved" : "Already moved";
      for (const file of m.moved.files) process.stdout.write(`${verb}: ${file.from} → ${m.archiveDir}/${file.to}\n`);
    }
    for (const removal of outcome.ownerMustRemove) process.stdout.write(`Still to do on the host: ${removal.detail}\n`);
    process.stdout.write("Approve with: cutover approve archive\n");
    return;
  }
  let archived: ArchivedSource[] = [];
  const result = await withTargetForCommand(ctx, (databaseUrl) => {
    process.stderr.write(`Target: ${describeTargetFor(ctx, databaseUrl)}\n`);
    return runStepFromCli(
      ctx,
      archiveRunInput(ctx, databaseUrl, ctx.env.cliActor, { onArchived: (a) => (archived = a) }),
    );
  });
  if (asJson) {
    printJson({
      ok: result.status === "passed",
      runId: result.runId,
      checks: result.checks.map(({ name, ok, detail }) => ({ name, ok, detail })),
      archived,
    });
    if (result.status !== "passed") process.exitCode = 1;
    return;
  }
  printChecks(result.checks);
  for (const a of archived) {
    process.stdout.write(
      `${a.outcome === "archived" ? "Archived" : "Already archived"}: ${a.label} → ${a.archiveDir}\n`,
    );
    if (a.ownerMustRemove) process.stdout.write(`Still to do on the host: ${a.ownerMustRemove.detail}\n`);
  }
  if (result.status === "passed") {
    process.stdout.write(`Next: cutover archive --confirm "${MOVE_ASIDE_PHRASE}" moves the local originals aside.\n`);
    return;
  }
  exitForRun(result, "archive");
}
