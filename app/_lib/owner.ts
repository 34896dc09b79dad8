import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { type AppContext, createAppContext } from "@/lib/app-context";
import { isOwnerSessionValid } from "@/lib/auth/owner-session";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { OwnerFacingError } from "@/lib/workflow/types";

/** Pages: the context when the owner is signed in, else a redirect to the login page. */
export async function requireOwnerPage(): Promise<AppContext> {
  const ctx = createAppContext();
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!(await isOwnerSessionValid(ctx, cookie))) redirect("/login");
  return ctx;
}

/** Server actions and route handlers check the session themselves, not only the proxy. */
export async function requireOwnerAction(): Promise<AppContext> {
  const ctx = createAppContext();
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!(await isOwnerSessionValid(ctx, cookie))) {
    throw new OwnerFacingError("Not signed in: open the login link again.", "unauthorized");
  }
  return ctx;
}
