import "server-only";
import { NextResponse } from "next/server";
import type { AppContext } from "@/lib/app-context";
import { isOwnerSessionValid } from "@/lib/auth/owner-session";
import { describeError } from "@/lib/common/action-result";
import { reportForDownload, type ReportFormat } from "@/lib/report/generate";
import { PANEL_ACTOR } from "@/app/_lib/owner-action";

/**
 * The evidence report as a download: the session is checked here, not only by the proxy, and
 * each download is recorded in the audit log with its SHA-256. Apart from the route so an
 * integration test can call it with a real control DB and a real (or no) session cookie.
 */
export async function reportDownloadResponse(ctx: AppContext, cookie: string | undefined, format: ReportFormat) {
  if (!(await isOwnerSessionValid(ctx, cookie))) {
    return NextResponse.json({ ok: false, error: "Not signed in: open the login link again." }, { status: 401 });
  }
  try {
    const { body, report } = await reportForDownload(ctx, PANEL_ACTOR, format);
    const stamp = report.facts.generatedAt.slice(0, 19).replace(/:/g, "-");
    const name = `ytv2-evidence-report${report.facts.draft ? "-draft" : ""}-${stamp}Z.${format}`;
    return new NextResponse(body, {
      status: 200,
      headers: {
        "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Report-SHA256": report.sha256[format],
      },
    });
  } catch (error) {
    return NextResponse.json({ ok: false, error: describeError(error) }, { status: 500 });
  }
}
