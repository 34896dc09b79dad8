import type { AppContext } from "../../lib/app-context";
import { issueLoginToken } from "../../lib/auth/secrets";
import { runningPanelUrl } from "../../lib/panel/panel-lock";
import { OwnerFacingError } from "../../lib/workflow/types";

/** A fresh one-time login link for the running panel (the one printed at start may be used up). */
export async function loginLinkCommand(ctx: AppContext) {
  const url = runningPanelUrl(ctx.paths.panelLock);
  if (!url) throw new OwnerFacingError("No panel is running on this data dir; start it with `npm start`.");
  const token = await issueLoginToken(ctx.db);
  process.stdout.write(`${url}/auth/token?token=${token}\n`);
}
