import "server-only";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import type { ControlTx } from "@/lib/control/control-db";
import { defaultsFingerprint, type RecordDefaults } from "./decision-state";

/**
 * "The owner confirmed this record's defaults", one owner fact per record keyed by video id
 * (like merge decisions, so it survives re-planning), holding the fingerprint of what he saw.
 * Kept apart from merge decisions on purpose: a confirmation changes nothing the copy writes,
 * so it must not change the copy's evidence nor demand a re-copy.
 */
const PREFIX = "review.confirmed-default:";

export async function loadConfirmations(ctx: AppContext, videoIds?: string[]): Promise<Map<string, string>> {
  const rows = await ctx.db.ownerFact.findMany({
    where: videoIds ? { key: { in: videoIds.map((id) => PREFIX + id) } } : { key: { startsWith: PREFIX } },
    select: { key: true, value: true },
  });
  return new Map(
    rows.map((row) => [row.key.slice(PREFIX.length), (JSON.parse(row.value) as { fingerprint: string }).fingerprint]),
  );
}

/** Inside the caller's transaction, with its audit entry (also when there was nothing to confirm). */
export async function storeConfirmations(
  tx: ControlTx,
  records: RecordDefaults[],
  actor: string,
  detail: { scope: string; note?: string },
) {
  const now = new Date().toISOString();
  const rows = records.map((record) => ({
    key: PREFIX + record.videoId,
    value: JSON.stringify({ fingerprint: defaultsFingerprint(record), case: record.mergeCase }),
    updatedAt: now,
    updatedBy: actor,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await tx.ownerFact.deleteMany({ where: { key: { in: chunk.map((row) => row.key) } } });
    await tx.ownerFact.createMany({ data: chunk });
  }
  await appendAudit(tx, {
    actor,
    step: "copy",
    action: "confirm defaults",
    outcome: "ok",
    detail: {
      records: records.length,
      scope: detail.scope,
      note: detail.note,
      videoIds: records.slice(0, 50).map((r) => r.videoId),
    },
  });
  return records.length;
}
