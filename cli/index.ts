import { createAppContext } from "../lib/app-context";
import { getEnv } from "../lib/config/env";
import { closeControlDb } from "../lib/control/control-db";
import { parseArgs } from "./args";
import { approveCommand } from "./commands/approve";
import { backupCommand } from "./commands/backup";
import { copyCommand, verifyCommand } from "./commands/copy";
import { decideCommand } from "./commands/decide";
import { loginLinkCommand } from "./commands/login-link";
import { notYetAvailable } from "./commands/not-yet-available";
import { planCommand } from "./commands/plan";
import { schemaCommand } from "./commands/schema";
import { statusCommand } from "./commands/status";
import { exitWithError, UsageError } from "./output";

const USAGE = `Usage: cutover <command> [options]

  status [--json]                 the six steps, their states and what blocks them
  approve <step> [--note TEXT]    approve a step whose checks passed (as the owner at this terminal);
          [--confirm TEXT]        step copy also needs the typed phrase: --confirm "copy is complete"
  decide <videoId> <field|record> <nas|dashboard|restore|keep_deleted|copy|skip> [--note TEXT]
                                  settle a conflict (a field's side) or a NAS-only video (record); audited,
                                  applied by the next copy, and revokes step 3's approval when it changes
  decide --confirm-defaults [--note TEXT]   confirm the defaults of every record still undecided
  login-link                      print a fresh one-time login link for the running panel
  backup [--processing-stopped]   snapshot, verify and restore-test both SQLite files (step 1); the flag
                                  records that you stopped NAS processing, needed before the first run
  schema --dry-run                print the target schema plan and its SQL; changes nothing (exit 0,
                                  conflicts that block apply are listed first)
  schema                          apply the target schema (step 2) and print its checks
  plan [--json]                   build the merge plan of both sources (step 3); writes only the control DB
  copy                            plan if needed, copy into PostgreSQL (resumable; Ctrl-C stops after a
                                  batch), then verify; exit 0 only when verify passes
  verify [--json]                 compare every record, the ledger and the categorization records again
  parity
  flag <name> on|off | drill | scan <dir>… | archive | report [--out FILE]

Steps: backup, schema, copy, parity, cutover, archive.
Configuration comes from the environment (see README): DATABASE_URL, NAS_DB, DASHBOARD_DB,
CUTOVER_DATA_DIR, EXPECTED_CATEGORIZED.`;

const LATER = new Set(["parity", "flag", "drill", "scan", "archive", "report"]);

async function main() {
  const args = parseArgs(process.argv.slice(2), new Set(["note", "out", "confirm"]));
  if (!args.command || args.flags.has("help") || args.command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const env = getEnv();
  const ctx = createAppContext(env);
  try {
    switch (args.command) {
      case "status":
        return await statusCommand(ctx, args);
      case "approve":
        return await approveCommand(ctx, args);
      case "backup":
        return await backupCommand(ctx, args);
      case "login-link":
        return loginLinkCommand(ctx);
      case "schema":
        return await schemaCommand(ctx, args);
      case "plan":
        return await planCommand(ctx, args);
      case "copy":
        return await copyCommand(ctx, args);
      case "verify":
        return await verifyCommand(ctx, args);
      case "decide":
        return await decideCommand(ctx, args);
      default:
        if (LATER.has(args.command)) return notYetAvailable(args.command);
        throw new UsageError(`unknown command "${args.command}" (see: cutover help)`);
    }
  } finally {
    await closeControlDb(ctx.paths.controlDb);
  }
}

main().catch(exitWithError);
