import type { AppContext } from "../../lib/app-context";
import { simulateNas, type Simulation } from "../../lib/demo/simulate-nas";
import { withTargetForCommand } from "../../lib/target/target-url";
import type { ParsedArgs } from "../args";

/**
 * `cutover simulate-nas <what>` (demo pair only): the demo NAS processes a video during dual
 * write, with or without one of the failures the old dual write let through, or the Dashboard
 * deletes a video in its own file. The command table checked `<what>`.
 */
export async function simulateNasCommand(ctx: AppContext, args: ParsedArgs) {
  const simulation = args.positionals[0]!.replace(/-/g, "_") as Simulation;
  const result = await withTargetForCommand(ctx, (databaseUrl) =>
    simulateNas(ctx, databaseUrl, simulation, ctx.env.cliActor),
  );
  process.stdout.write(`${result.message}\n`);
}
