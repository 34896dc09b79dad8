import { NextResponse } from "next/server";
import { requireOwnerAction } from "@/app/_lib/owner";
import { describeError } from "@/lib/common/action-result";
import { markInterruptedRuns } from "@/lib/workflow/facts";
import { getLatestRunView } from "@/lib/workflow/run-view";
import { isStepId } from "@/lib/workflow/steps";
import { OwnerFacingError } from "@/lib/workflow/types";

/** The latest run of a step with its progress; the step page polls it while a run is going. */
export async function GET(_request: Request, { params }: { params: Promise<{ step: string }> }) {
  try {
    const ctx = await requireOwnerAction();
    const { step } = await params;
    if (!isStepId(step)) return NextResponse.json({ ok: false, error: "Unknown step" }, { status: 404 });
    await markInterruptedRuns(ctx.db);
    return NextResponse.json({ ok: true, run: await getLatestRunView(ctx, step) });
  } catch (error) {
    const status = error instanceof OwnerFacingError && error.code === "unauthorized" ? 401 : 500;
    return NextResponse.json({ ok: false, error: describeError(error) }, { status });
  }
}
