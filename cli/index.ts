import { parseCommandLine } from "./args";
import { COMMANDS, usageText } from "./command-table";
import { exitWithError } from "./output";

/**
 * The command line is checked in full before anything else happens: a refused one (exit 2)
 * opens no control DB, writes no audit entry and starts no embedded server.
 */
async function main() {
  const args = parseCommandLine(process.argv.slice(2), COMMANDS);
  if (args.command === "help") {
    process.stdout.write(`${usageText(args.positionals[0])}\n`);
    return;
  }
  const entry = COMMANDS.find((command) => command.name === args.command)!;
  if (!entry.run) throw new Error(`command ${entry.name} has nothing to run`);
  const { createAppContext } = await import("../lib/app-context");
  const { closeControlDb } = await import("../lib/control/control-db");
  const ctx = createAppContext();
  try {
    await entry.run(ctx, args);
  } finally {
    await closeControlDb(ctx.paths.controlDb);
  }
}

main().catch(exitWithError);
