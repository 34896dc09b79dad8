import { type NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/config/env";
import { dataPaths } from "@/lib/config/paths";
import { getSessionSecret } from "@/lib/auth/secrets";
import { SESSION_COOKIE, verifySessionToken } from "@/lib/auth/session-token";

/**
 * First line of defence: no request reaches a page, route handler or server action without
 * a validly signed session cookie. Each of them checks the session again on the server.
 */
export function proxy(request: NextRequest) {
  const secret = getSessionSecret(dataPaths(getEnv().dataDir));
  if (verifySessionToken(request.cookies.get(SESSION_COOKIE)?.value, secret)) return NextResponse.next();

  const isServerAction = request.method === "POST" && request.headers.has("next-action");
  if (isServerAction || request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ ok: false, error: "Not signed in" }, { status: 401 });
  }
  return NextResponse.redirect(new URL("/login", request.url));
}

export const config = {
  matcher: ["/((?!login|auth/|_next/static|_next/image|favicon\\.ico|favicon\\.svg).*)"],
};
