import { NextResponse } from "next/server";
import { requireOwnerAction } from "@/app/_lib/owner";
import { describeError } from "@/lib/common/action-result";
import { buildStatusReport } from "@/lib/workflow/status-report";
import { OwnerFacingError } from "@/lib/workflow/types";

/** The same JSON as `cutover status --json`, for scripts that prefer HTTP. */
export async function GET() {
  try {
    const ctx = await requireOwnerAction();
    return NextResponse.json(await buildStatusReport(ctx));
  } catch (error) {
    const status = error instanceof OwnerFacingError && error.code === "unauthorized" ? 401 : 500;
    return NextResponse.json({ ok: false, error: describeError(error) }, { status });
  }
}
