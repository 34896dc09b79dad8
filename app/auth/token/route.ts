import type { NextRequest } from "next/server";
import { createAppContext } from "@/lib/app-context";
import { startOwnerSession } from "@/lib/auth/owner-session";
import { consumeLoginToken } from "@/lib/auth/secrets";
import { SESSION_COOKIE } from "@/lib/auth/session-token";

/** The one-time login link printed at start-up lands here. */
export async function GET(request: NextRequest) {
  const ctx = createAppContext();
  const token = request.nextUrl.searchParams.get("token") ?? "";
  if (!token || !consumeLoginToken(ctx.paths, token)) {
    return redirectTo("/login?error=token");
  }
  const session = await startOwnerSession(ctx, "login link");
  const response = redirectTo("/");
  response.headers.append(
    "set-cookie",
    `${SESSION_COOKIE}=${session.value}; Path=/; Expires=${session.expires.toUTCString()}; HttpOnly; SameSite=Lax`,
  );
  return response;
}

/** A relative Location keeps the host the owner typed (127.0.0.1), so the cookie comes back. */
function redirectTo(location: string) {
  return new Response(null, { status: 303, headers: { location } });
}
