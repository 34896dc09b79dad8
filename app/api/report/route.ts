import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { createAppContext } from "@/lib/app-context";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { reportDownloadResponse } from "./download";

/** GET /api/report (HTML) or /api/report?format=json: the evidence report, as an attachment. */
export async function GET(request: NextRequest) {
  const format = request.nextUrl.searchParams.get("format") === "json" ? "json" : "html";
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  return reportDownloadResponse(createAppContext(), cookie, format);
}
