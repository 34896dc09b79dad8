import "server-only";
import type { ControlDb } from "../control/control-db";
import { getPlanOverview } from "../merge/store/plan-queries";
import type { QuarantineFacts } from "./types";

/** Quarantine of step 3's plan by reason: rows, and the videos they belong to. */
export async function loadQuarantineFacts(db: ControlDb): Promise<QuarantineFacts> {
  const plan = await getPlanOverview(db);
  if (!plan) return { available: false, note: "Step 3 has no merge plan yet: nothing is quarantined." };
  const [rows, videos] = await Promise.all([
    db.mergeQuarantine.groupBy({ by: ["reason"], where: { planId: plan.id }, _count: { _all: true } }),
    db.mergeQuarantine.groupBy({ by: ["reason", "videoId"], where: { planId: plan.id } }),
  ]);
  const byReason = rows
    .map(({ reason, _count }) => ({
      reason,
      rows: _count._all,
      videos: videos.filter((v) => v.reason === reason && v.videoId !== null).length,
    }))
    .sort((a, b) => a.reason.localeCompare(b.reason));
  return { available: true, planId: plan.id, byReason, total: byReason.reduce((sum, r) => sum + r.rows, 0) };
}
