import type { AppContext } from "../../lib/app-context";
import { RECORD_FIELD } from "../../lib/merge/store/decisions";
import { decideRecord } from "../../lib/review/decide";
import type { ParsedArgs } from "../args";
import { UsageError } from "../output";

const CHOICES = ["nas", "dashboard", "restore", "keep_deleted", "copy", "skip"];
const USAGE = `decide needs: <videoId> <field|record> <${CHOICES.join("|")}> [--note TEXT]`;

/** `cutover decide <videoId> <field|record> <choice>`: the record page's decision, from the terminal. */
export async function decideCommand(ctx: AppContext, args: ParsedArgs) {
  const [videoId, target, choice] = args.positionals;
  if (!videoId || !target || !choice || !CHOICES.includes(choice)) throw new UsageError(USAGE);
  const note = args.flags.get("note");
  const outcome = await decideRecord(
    ctx,
    {
      videoId,
      field: target === "record" ? RECORD_FIELD : target,
      choice,
      note: typeof note === "string" ? note : undefined,
    } as Parameters<typeof decideRecord>[1],
    ctx.env.cliActor,
  );
  process.stdout.write(`${outcome.message}\n`);
}
