import "server-only";
import type pg from "pg";
import type { ControlDb } from "@/lib/control/control-db";
import { lastCopyRun } from "@/lib/copy/run-copy";
import { batchInputs } from "@/lib/merge/merge-batches";
import { openMergePass, type MergePass } from "@/lib/merge/merge-pass";
import { mergeRecord, type RecordDecisions } from "@/lib/merge/merge-record";
import { openControlSql, withControlSql } from "@/lib/merge/store/control-sql";
import { loadDecisions } from "@/lib/merge/store/decisions";
import { batchReaders } from "@/lib/merge/source-db";
import { sha256Hex } from "@/lib/common/canonical-json";
import { countOf } from "@/lib/common/plural";
import { assertContentTable } from "@/lib/backup/source-access";
import { shownSource, withLiveSource, type LiveSource } from "@/lib/sources/live-source";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import { readTargetRecords } from "@/lib/verify/target-read";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { compareVideo, shown } from "./compare";
import { emptyKindCounts, type Difference, type DifferenceKind } from "./kinds";
import { writeParityLog } from "./parity-log";
import {
  acceptedIdentities,
  differenceIdentity,
  pruneSignatures,
  readSignatures,
  resumableRun,
  storedDifference,
  writeBatch,
  type BatchWrite,
  type StoredOutcome,
} from "./store";
import { inputSignature, sourceLatestText, sourceRecord, targetRecord } from "./views";

/**
 * A parity run: the live NAS and Dashboard files (through the source reader, so a URL or a
 * WAL-mode file is read as it is now) merged by the copy's own rules and decisions, batch by
 * batch, against the target's rows; then the videos only the target holds. Each batch's
 * outcome is committed to the control DB with its differences, so a stopped run resumes from
 * its first unfinished batch while the sources still have the same videos in the same order.
 */
export type ParityOptions = {
  db: ControlDb;
  controlDbFile: string;
  databaseUrl: string;
  live: { nas: LiveSource; dashboard: LiveSource };
  /** when the owner turned dual write on: a video indexed since counts as processed during dual write */
  dualWriteSince: string | null;
  stepRunId?: number;
  batchSize?: number;
  onProgress?: ProgressReporter;
  signal?: AbortSignal;
};

/** `id`: the difference's row in the control DB, for accepting it. */
export type ParityDifference = Difference & { id: number; identity: string; accepted: boolean };

export type ParityResult = {
  runId: number;
  parityLogId: string;
  checked: number;
  counts: Record<DifferenceKind, number>;
  differences: ParityDifference[];
  /** every difference accepted by the owner (or none at all) */
  clean: boolean;
  newSinceCopy: number;
  seenInBoth: string[];
  merged: number;
  reused: number;
  resumedFrom: number;
  ms: number;
};

export const PARITY_BATCH_SIZE = 500;

export async function runParity(options: ParityOptions): Promise<ParityResult> {
  const started = Date.now();
  const { db } = options;
  const target = describeTarget(options.databaseUrl);
  // The target first: unreachable, it refuses before either source is read.
  return withTargetClient(options.databaseUrl, async (client) => {
    const copy = await lastCopyRun(db, options.databaseUrl);
    if (!copy || copy.status !== "finished") {
      throw new OwnerFacingError(
        `Refused: no finished copy into ${target} to compare with; run step 3 (npx cutover copy) first.`,
        "nothing-copied",
      );
    }
    const planned = withControlSql(options.controlDbFile, (sql) => {
      const rows = sql.prepare("SELECT video_id, action FROM merge_record WHERE plan_id = ?").all(copy.planId) as {
        video_id: string;
        action: "copy" | "skip";
      }[];
      return new Map(rows.map((r) => [r.video_id, r.action]));
    });
    const { decisions } = await loadDecisions(db);
    return withLiveSource(options.live.nas, { signal: options.signal }, (nas) =>
      withLiveSource(options.live.dashboard, { signal: options.signal }, async (dashboard) => {
        // Missing, unreadable or not a YTV2 file: the owner's one line, before any run is recorded.
        assertContentTable("nas", nas, shownSource(options.live.nas));
        assertContentTable("dashboard", dashboard, shownSource(options.live.dashboard));
        const pass = openMergePass({ nas, dashboard }, options.batchSize ?? PARITY_BATCH_SIZE);
        try {
          const context = { ...options, client, pass, planned, decisions, target, copyPlanId: copy.planId, started };
          return await comparePass(context);
        } finally {
          pass.close();
        }
      }),
    );
  });
}

type PassContext = ParityOptions & {
  client: pg.ClientBase;
  pass: MergePass;
  planned: Map<string, "copy" | "skip">;
  decisions: ReadonlyMap<string, RecordDecisions>;
  target: string;
  copyPlanId: number;
  started: number;
};

async function comparePass(c: PassContext): Promise<ParityResult> {
  const { pass, db, target } = c;
  const recordBatches = Math.ceil(pass.order.length / pass.batchSize);
  const orderHash = sha256Hex(pass.order.join("\n"));
  const open = await resumableRun(db, target, orderHash, recordBatches + 1);
  const run =
    open ??
    (await db.parityRun.create({
      data: {
        stepRunId: c.stepRunId ?? null,
        target,
        startedAt: new Date().toISOString(),
        status: "running",
        orderHash,
        batchCount: recordBatches + 1,
      },
    }));
  if (open)
    await db.parityRun.update({
      where: { id: run.id },
      data: { status: "running", stepRunId: c.stepRunId ?? open.stepRunId },
    });
  const resumedFrom = run.batchesDone;
  const sinceMs = c.dualWriteSince ? Date.parse(c.dualWriteSince) : null;
  // What an outcome depends on besides the video's rows: the copy's plan and the dual-write window.
  const context = `${c.copyPlanId}\u0000${c.dualWriteSince ?? ""}`;
  const readers = { nas: batchReaders(pass.nas.src), dashboard: batchReaders(pass.dashboard.src) };
  const sql = openControlSql(c.controlDbFile);
  try {
    const total = pass.order.length;
    let done = Math.min(resumedFrom * pass.batchSize, total);
    c.onProgress?.({ phase: "parity", done, total, unit: "records" });
    for (let index = resumedFrom; index < recordBatches; index++) {
      if (c.signal?.aborted) {
        await db.parityRun.update({ where: { id: run.id }, data: { status: "cancelled" } });
        throw new OwnerFacingError(
          `parity cancelled after ${done} of ${countOf(total, "record")}; run parity again (npx cutover parity) to resume`,
          "cancelled",
        );
      }
      const inputs = batchInputs(pass, readers, c.decisions, index);
      const ids = inputs.map((input) => input.videoId);
      const versions = await readTargetVersions(c.client, ids);
      const stored = readSignatures(sql, target, ids);
      const write: BatchWrite = {
        runId: run.id,
        target,
        batch: index,
        outcomes: [],
        counts: { checked: ids.length, merged: 0, reused: 0 },
      };
      const changed: { input: (typeof inputs)[number]; sourceSig: string; version: string | null }[] = [];
      for (const input of inputs) {
        const sourceSig = inputSignature(input, context);
        const version = versions.get(input.videoId) ?? null;
        const previous = stored.get(input.videoId);
        if (previous && previous.source_sig === sourceSig && previous.target_hash === version) {
          const outcome = JSON.parse(previous.outcome) as StoredOutcome;
          write.outcomes.push({ videoId: input.videoId, sourceSig, targetHash: version, outcome, unchanged: true });
          write.counts.reused++;
        } else changed.push({ input, sourceSig, version });
      }
      // Only the videos whose rows changed on either side are read whole from the target and merged.
      const found = await readTargetRecords(
        c.client,
        changed.map((v) => v.input.videoId),
      );
      for (const { input, sourceSig, version } of changed) {
        const targetRow = found.get(input.videoId);
        const record = mergeRecord(input);
        const source = sourceRecord(record);
        const plannedAction = c.planned.get(input.videoId);
        const indexedMs = typeof source?.content.indexed_at === "string" ? Date.parse(source.content.indexed_at) : NaN;
        const newSinceCopy = plannedAction === undefined || (sinceMs !== null && indexedMs >= sinceMs);
        const differences = compareVideo(input.videoId, source, targetRow ? targetRecord(targetRow) : null, {
          merged: { mergeCase: record.mergeCase, copied: record.content !== null },
          planned: plannedAction,
          newSinceCopy,
        });
        for (const d of differences) {
          if (d.kind !== "summary_drift") continue;
          const text = sourceLatestText(record, d.field!);
          if (text !== undefined) d.sourceValue = shown(text ?? "(no text)");
          d.targetValue = await targetLatestText(c.client, input.videoId, d.field!);
        }
        const seenInBoth = newSinceCopy && source !== null && targetRow !== undefined && differences.length === 0;
        const outcome = { differences, newSinceCopy, seenInBoth };
        write.outcomes.push({ videoId: input.videoId, sourceSig, targetHash: version, outcome });
        write.counts.merged++;
      }
      writeBatch(sql, write);
      done += ids.length;
      c.onProgress?.({ phase: "parity", done, total, unit: "records" });
    }
    const targetIds = await targetOnly(c, sql, run.id, recordBatches);
    pruneSignatures(sql, target, new Set([...pass.order, ...targetIds]));
  } finally {
    sql.close();
  }
  return finish(c, run.id, resumedFrom);
}

/** The last batch: videos the target holds that neither SQLite file has. */
async function targetOnly(c: PassContext, sql: ReturnType<typeof openControlSql>, runId: number, index: number) {
  const { rows } = await c.client.query<{ video_id: string }>("SELECT video_id FROM content");
  const inSources = new Set(c.pass.order);
  const ids = rows.map((r) => r.video_id);
  const write: BatchWrite = {
    runId,
    target: c.target,
    batch: index,
    outcomes: [],
    counts: { checked: 0, merged: 0, reused: 0 },
  };
  for (const videoId of ids) {
    if (inSources.has(videoId)) continue;
    const planned = c.planned.get(videoId);
    const differences = compareVideo(
      videoId,
      null,
      { content: {}, latest: new Map() },
      { planned, newSinceCopy: planned === undefined },
    );
    write.counts.checked++;
    write.outcomes.push({
      videoId,
      sourceSig: "absent",
      targetHash: null,
      outcome: { differences, newSinceCopy: planned === undefined, seenInBoth: false },
    });
  }
  writeBatch(sql, write);
  return ids;
}

/**
 * Each video's row versions in the target: its content row's xmin and each summary row's id and
 * xmin. PostgreSQL gives a row a new xmin whenever it is written (freezing keeps the value), so
 * an unchanged version means unchanged rows, without reading or hashing a summary's text.
 */
async function readTargetVersions(client: pg.ClientBase, videoIds: string[]): Promise<Map<string, string>> {
  const { rows } = await client.query<{ video_id: string; version: string }>(
    `SELECT c.video_id, c.xmin::text || '/' || coalesce(
       (SELECT string_agg(s.id::text || ':' || s.xmin::text, ',' ORDER BY s.id) FROM content_summaries s WHERE s.video_id = c.video_id), '')
       AS version
     FROM content c WHERE c.video_id = ANY($1)`,
    [videoIds],
  );
  return new Map(rows.map((r) => [r.video_id, r.version]));
}

async function targetLatestText(client: pg.ClientBase, videoId: string, variant: string): Promise<string> {
  const { rows } = await client.query<{ text: string | null }>(
    "SELECT text FROM content_summaries WHERE video_id = $1 AND variant = $2 AND is_latest",
    [videoId, variant],
  );
  return rows.length === 0 ? "no summary" : shown(rows[0]!.text ?? "(no text)");
}

async function finish(c: PassContext, runId: number, resumedFrom: number): Promise<ParityResult> {
  const { db } = c;
  const accepted = await acceptedIdentities(db, c.target);
  const rows = await db.parityDifference.findMany({ where: { runId }, orderBy: { id: "asc" } });
  const differences: ParityDifference[] = rows.map((r) => ({ ...storedDifference(r, accepted), identity: r.identity }));
  const counts = emptyKindCounts();
  for (const d of differences) counts[d.kind]++;
  const run = await db.parityRun.findUniqueOrThrow({ where: { id: runId } });
  const seenInBoth = run.seenInBoth ? (JSON.parse(run.seenInBoth) as string[]) : [];
  const parityLogId = await writeParityLog(c.client, {
    runId,
    startedAt: run.startedAt,
    checked: run.checked,
    counts,
    differences,
    newSinceCopy: run.newSinceCopy,
    seenInBoth,
  });
  await db.parityRun.update({
    where: { id: runId },
    data: { status: "finished", finishedAt: new Date().toISOString() },
  });
  return {
    runId,
    parityLogId,
    checked: run.checked,
    counts,
    differences,
    clean: differences.every((d) => d.accepted),
    newSinceCopy: run.newSinceCopy,
    seenInBoth,
    merged: run.merged,
    reused: run.reused,
    resumedFrom,
    ms: Date.now() - c.started,
  };
}

export { differenceIdentity };
