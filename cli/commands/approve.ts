import type { AppContext } from "../../lib/app-context";
import { approveStepWithGate } from "../../lib/steps/approve";
import { isStepId, STEP_IDS } from "../../lib/workflow/steps";
import type { ParsedArgs } from "../args";
import { UsageError } from "../output";

export async function approveCommand(ctx: AppContext, args: ParsedArgs) {
  const [step] = args.positionals;
  if (!step || !isStepId(step)) throw new UsageError(`approve needs a step: ${STEP_IDS.join(", ")}`);
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
