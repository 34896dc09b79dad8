import "server-only";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import { controlTransaction } from "@/lib/control/control-db";
import { loadBatch } from "@/lib/copy/load-batch";
import { prepareLoadSession } from "@/lib/copy/run-copy";
import { stageBatch } from "@/lib/copy/stage-batch";
import { batchInputs } from "@/lib/merge/merge-batches";
import { openMergePass } from "@/lib/merge/merge-pass";
import { mergeRecord, type MergedRecord } from "@/lib/merge/merge-record";
import { loadDecisions } from "@/lib/merge/store/decisions";
import { batchReaders } from "@/lib/merge/source-db";
import { liveSourcesOf } from "@/lib/sources/source-paths";
import { withLiveSource } from "@/lib/sources/live-source";
import { withTargetLock } from "@/lib/target/advisory-lock";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import { OwnerFacingError } from "@/lib/workflow/types";
import { withWorkflowLease } from "@/lib/workflow/workflow";

/**
 * The owner's remedies for a parity difference, each audited and refused while step 4 is
 * locked: re-copy one record through the copy engine (the live sources as they are now, the
 * copy's merge and decisions, the copy's loader under the target's lock; idempotent, and no
 * backup freeze is asked for: during dual write the sources are live), or accept a difference
 * with a note.
 */
export type RecopyOutcome = { videoId: string; result: "copied" | "removed" | "unchanged-absent" };

export async function recopyRecord(ctx: AppContext, databaseUrl: string, videoId: string, actor: string) {
  return withWorkflowLease(
    ctx,
    actor,
    "parity",
    "re-copy",
    async (): Promise<RecopyOutcome> => {
      const { decisions } = await loadDecisions(ctx.db);
      const live = liveSourcesOf(ctx.env, ctx.paths);
      const record = await withLiveSource(live.nas, {}, (nas) =>
        withLiveSource(live.dashboard, {}, async (dashboard) => {
          const pass = openMergePass({ nas, dashboard }, 1);
          try {
            if (!pass.nas.keys.chosen.has(videoId) && !pass.dashboard.keys.chosen.has(videoId)) return null;
            const one = { ...pass, order: [videoId], batchSize: 1 };
            const readers = { nas: batchReaders(pass.nas.src), dashboard: batchReaders(pass.dashboard.src) };
            return mergeRecord(batchInputs(one, readers, decisions, 0)[0]!);
          } finally {
            pass.close();
          }
        }),
      );
      // In neither file: the sources say the video is gone, so the copy's loader removes it (action skip).
      const merged = record ?? absentRecord(videoId);
      const staged = stageBatch({ index: 0, records: [merged] });
      const before = await withTargetClient(databaseUrl, async (client) => {
        const { rows } = await client.query("SELECT 1 FROM content WHERE video_id = $1", [videoId]);
        await withTargetLock(client, async () => {
          await prepareLoadSession(client);
          await loadBatch(client, staged);
        });
        return rows.length > 0;
      });
      const result: RecopyOutcome["result"] = merged.content ? "copied" : before ? "removed" : "unchanged-absent";
      await controlTransaction(ctx.db, async (tx) => {
        await tx.parityRemedy.create({
          data: { target: describeTarget(databaseUrl), videoId, action: "recopy", actor, at: new Date().toISOString() },
        });
        await appendAudit(tx, { actor, step: "parity", action: "re-copy", outcome: "ok", detail: { videoId, result } });
      });
      return { videoId, result };
    },
    { requireOpen: true },
  );
}

function absentRecord(videoId: string): MergedRecord {
  return {
    videoId,
    mergeCase: "resurrection_candidate",
    categorized: false,
    title: "",
    defaultAction: "skip",
    action: "skip",
    content: null,
    listing: null,
    categorization: null,
    from: {},
    summaries: [],
    diffs: [],
    quarantine: [],
    ledger: [],
  };
}

/** Accepts one difference (by its id in the control DB) with the owner's note; later runs count it as accepted. */
export async function acceptDifference(ctx: AppContext, differenceId: number, note: string, actor: string) {
  const text = note.trim();
  return withWorkflowLease(
    ctx,
    actor,
    "parity",
    "accept",
    async () => {
      if (!text)
        throw new OwnerFacingError("Refused: accepting a difference needs a note saying why; nothing was recorded.");
      const found = await ctx.db.parityDifference.findUnique({ where: { id: differenceId }, include: { run: true } });
      if (!found)
        throw new OwnerFacingError(`Refused: there is no parity difference #${differenceId}; nothing was recorded.`);
      await controlTransaction(ctx.db, async (tx) => {
        await tx.parityRemedy.create({
          data: {
            target: found.run.target,
            videoId: found.videoId,
            action: "accept",
            identity: found.identity,
            note: text,
            actor,
            at: new Date().toISOString(),
          },
        });
        await appendAudit(tx, {
          actor,
          step: "parity",
          action: "accept",
          outcome: "ok",
          detail: { differenceId, videoId: found.videoId, kind: found.kind, field: found.field, note: text },
        });
      });
      return { videoId: found.videoId, kind: found.kind, field: found.field };
    },
    { requireOpen: true },
  );
}
