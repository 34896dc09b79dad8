import type { NextRequest } from "next/server";
import { createAppContext } from "@/lib/app-context";
import { claimLoginLink } from "@/lib/auth/owner-session";
import { SESSION_COOKIE } from "@/lib/auth/session-token";

/** The one-time login link printed at start-up lands here. */
export async function GET(request: NextRequest) {
  const ctx = createAppContext();
  const session = await claimLoginLink(ctx, request.nextUrl.searchParams.get("token") ?? "");
  if (!session) return redirectTo("/login?error=token");
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
