import type { AppContext } from "../../lib/app-context";
import { RECORD_FIELD } from "../../lib/merge/store/decisions";
import { confirmDefaults, decideRecord } from "../../lib/review/decide";
import type { ParsedArgs } from "../args";
import { countOf } from "@/lib/common/plural";

/**
 * `cutover decide <videoId> <field|record|listing> <choice>`: the record page's decision, from
 * the terminal (`listing placeholder|unlisted` for a video without a summary the Dashboard
 * lists); `cutover decide --confirm-defaults` is the list's "Confirm all defaults".
 */
export async function decideCommand(ctx: AppContext, args: ParsedArgs) {
  const [videoId, target, choice] = args.positionals;
  const note = args.flags.get("note");
  if (args.flags.has("confirm-defaults")) {
    const stored = await confirmDefaults(
      ctx,
      "all",
      ctx.env.cliActor,
      "all records",
      typeof note === "string" ? note : undefined,
    );
    process.stdout.write(`Defaults confirmed for ${countOf(stored, "record")}.\n`);
    return;
  }
  // The command table checked the arguments: three positionals with a known choice.
  const outcome = await decideRecord(
    ctx,
    {
      videoId: videoId!,
      field: target === "record" ? RECORD_FIELD : target!,
      choice,
      note: typeof note === "string" ? note : undefined,
    } as Parameters<typeof decideRecord>[1],
    ctx.env.cliActor,
  );
  process.stdout.write(`${outcome.message}\n`);
}
