import "server-only";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess, throttleFor } from "./login-throttle";
import { type OwnerSessionCookie, startOwnerSession } from "./owner-session";
import { safeEqualText } from "./session-token";

export type PasswordLoginResult = { ok: true; session: OwnerSessionCookie } | { ok: false; error: string };

function wait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/** Password login with the limit of login-throttle.ts; `now` is the clock (tests move it). */
export async function loginWithPassword(
  ctx: AppContext,
  password: string,
  now: () => number = Date.now,
): Promise<PasswordLoginResult> {
  const expected = ctx.env.panelPassword;
  if (!expected)
    return { ok: false, error: "Password login is off: use the login link printed when the panel started." };
  const throttle = throttleFor(ctx.paths.dataDir);
  const verdict = checkLoginAllowed(throttle, now());
  if (!verdict.allowed) {
    return { ok: false, error: `Too many wrong passwords: try again in ${wait(verdict.retryAfterMs)}.` };
  }
  if (!safeEqualText(password, expected)) {
    const failure = recordLoginFailure(throttle, now());
    if (failure.burstStarted) {
      await appendAudit(ctx.db, {
        actor: "unknown",
        action: "login",
        outcome: "refused",
        detail: { how: "password", reason: "wrong password (first of a burst; later tries are not logged one by one)" },
      });
    }
    if (failure.delayStarted) {
      await appendAudit(ctx.db, {
        actor: "unknown",
        action: "login",
        outcome: "refused",
        detail: { how: "password", reason: "too many wrong passwords: each further try now waits, longer every time" },
      });
    }
    return {
      ok: false,
      error: failure.delayMs
        ? `Wrong password. Too many wrong passwords: try again in ${wait(failure.delayMs)}.`
        : "Wrong password.",
    };
  }
  const failedBefore = recordLoginSuccess(throttle, now());
  const session = await startOwnerSession(ctx, "password", failedBefore ? { wrongPasswordsBefore: failedBefore } : {});
  return { ok: true, session };
}
