import "server-only";
import { type AppContext, targetKind } from "../app-context";
import { getStepStatuses } from "./workflow";

/** The stable machine-readable status of DESIGN.md (`status --json`, GET /api/status). */
export type StatusReport = {
  steps: Array<{ id: string; title: string; state: string; blockedBy?: string; approvedAt?: string }>;
  target: { kind: "embedded" | "external" };
};

export async function buildStatusReport(ctx: AppContext): Promise<StatusReport> {
  const statuses = await getStepStatuses(ctx);
  return {
    steps: statuses.map(({ id, title, state, blockedBy, approvedAt }) => ({
      id,
      title,
      state,
      ...(blockedBy ? { blockedBy } : {}),
      ...(approvedAt ? { approvedAt } : {}),
    })),
    target: { kind: targetKind(ctx.env) },
  };
}
