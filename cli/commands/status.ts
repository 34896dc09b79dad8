import type { AppContext } from "../../lib/app-context";
import { buildStatusReport } from "../../lib/workflow/status-report";
import { getStepStatuses } from "../../lib/workflow/workflow";
import type { ParsedArgs } from "../args";
import { printJson } from "../output";

const ICON: Record<string, string> = {
  locked: "⊘",
  ready: "○",
  running: "↻",
  failed: "✕",
  passed: "●",
  approved: "✓",
};

export async function statusCommand(ctx: AppContext, args: ParsedArgs) {
  if (args.flags.has("json")) return printJson(await buildStatusReport(ctx));
  const statuses = await getStepStatuses(ctx);
  for (const step of statuses) {
    process.stdout.write(
      `${ICON[step.state]} ${step.number}. ${step.title.padEnd(12)} ${step.state.padEnd(9)} ${step.reason}\n`,
    );
  }
}
