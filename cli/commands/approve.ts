import type { AppContext } from "../../lib/app-context";
import { approveStepWithGate } from "../../lib/steps/approve";
import type { StepId } from "../../lib/workflow/steps";
import type { ParsedArgs } from "../args";

export async function approveCommand(ctx: AppContext, args: ParsedArgs) {
  // The command table checked that it names a step.
  const step = args.positionals[0] as StepId;
  const note = args.flags.get("note");
  const confirm = args.flags.get("confirm");
  await approveStepWithGate(ctx, {
    stepId: step,
    actor: ctx.env.cliActor,
    note: typeof note === "string" ? note : undefined,
    confirmation: typeof confirm === "string" ? confirm : undefined,
  });
  process.stdout.write(`Approved step "${step}".\n`);
}
