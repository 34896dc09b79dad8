import "server-only";
import type Database from "better-sqlite3";
import { sha256Hex } from "@/lib/common/canonical-json";
import type { ControlDb } from "@/lib/control/control-db";
import type { Difference, DifferenceKind } from "./kinds";

/**
 * Parity's control-DB rows: runs, their differences, per-video signatures and the owner's
 * remedies. A batch's differences, signatures and the run's counters are written in one
 * transaction, so a run that stops resumes from a consistent point.
 */
export type StoredOutcome = { differences: Difference[]; newSinceCopy: boolean; seenInBoth: boolean };

/** A difference's identity: the same video, kind, field and both values. An acceptance covers exactly that. */
export function differenceIdentity(d: Difference): string {
  return sha256Hex([d.videoId, d.kind, d.field ?? "", d.sourceValue ?? "", d.targetValue ?? ""].join("\u0000"));
}

type DifferenceRow = {
  id: number;
  videoId: string;
  kind: string;
  field: string | null;
  sourceValue: string | null;
  targetValue: string | null;
  identity: string;
};

/** A difference as a run stored it, with whether the owner has accepted it (by its identity). */
export function storedDifference(row: DifferenceRow, accepted: ReadonlySet<string>) {
  return {
    id: row.id,
    videoId: row.videoId,
    kind: row.kind as DifferenceKind,
    field: row.field,
    sourceValue: row.sourceValue,
    targetValue: row.targetValue,
    accepted: accepted.has(row.identity),
  };
}

export function readSignatures(sql: Database.Database, target: string, videoIds: string[]) {
  const rows = sql
    .prepare(
      "SELECT video_id, source_sig, target_hash, outcome FROM parity_signature WHERE target = ? AND video_id IN (SELECT value FROM json_each(?))",
    )
    .all(target, JSON.stringify(videoIds)) as {
    video_id: string;
    source_sig: string;
    target_hash: string | null;
    outcome: string;
  }[];
  return new Map(rows.map((r) => [r.video_id, r]));
}

const SEEN_KEPT = 20;

export type BatchWrite = {
  runId: number;
  target: string;
  batch: number;
  /** `unchanged`: the stored signature row stands as it is */
  outcomes: {
    videoId: string;
    sourceSig: string;
    targetHash: string | null;
    outcome: StoredOutcome;
    unchanged?: boolean;
  }[];
  counts: { checked: number; merged: number; reused: number };
};

export function writeBatch(sql: Database.Database, write: BatchWrite) {
  const insertDifference = sql.prepare(
    "INSERT INTO parity_difference (run_id, batch, video_id, kind, field, source_value, target_value, identity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const upsertSignature = sql.prepare(
    "INSERT OR REPLACE INTO parity_signature (target, video_id, source_sig, target_hash, outcome) VALUES (?, ?, ?, ?, ?)",
  );
  sql.transaction(() => {
    // A batch done again after a stop replaces what it wrote before.
    sql.prepare("DELETE FROM parity_difference WHERE run_id = ? AND batch = ?").run(write.runId, write.batch);
    let differences = 0;
    let newSince = 0;
    const seen: string[] = [];
    for (const { videoId, sourceSig, targetHash, outcome, unchanged } of write.outcomes) {
      for (const d of outcome.differences) {
        insertDifference.run(
          write.runId,
          write.batch,
          d.videoId,
          d.kind,
          d.field,
          d.sourceValue,
          d.targetValue,
          differenceIdentity(d),
        );
        differences++;
      }
      if (outcome.newSinceCopy) newSince++;
      if (outcome.seenInBoth) seen.push(videoId);
      if (!unchanged) upsertSignature.run(write.target, videoId, sourceSig, targetHash, JSON.stringify(outcome));
    }
    const run = sql.prepare("SELECT seen_in_both FROM parity_run WHERE id = ?").get(write.runId) as {
      seen_in_both: string | null;
    };
    // A few are enough to show; the gate needs one.
    const allSeen = [...(run.seen_in_both ? (JSON.parse(run.seen_in_both) as string[]) : []), ...seen].slice(
      0,
      SEEN_KEPT,
    );
    sql
      .prepare(
        `UPDATE parity_run SET batches_done = ?, checked = checked + ?, differences = differences + ?, new_since_copy = new_since_copy + ?,
         merged = merged + ?, reused = reused + ?, seen_in_both = ? WHERE id = ?`,
      )
      .run(
        write.batch + 1,
        write.counts.checked,
        differences,
        newSince,
        write.counts.merged,
        write.counts.reused,
        JSON.stringify(allSeen),
        write.runId,
      );
  })();
}

/** Signatures of videos no store holds any more go, so the table stays the size of the stores. */
export function pruneSignatures(sql: Database.Database, target: string, keep: Set<string>) {
  const ids = sql.prepare("SELECT video_id FROM parity_signature WHERE target = ?").pluck().all(target) as string[];
  const drop = ids.filter((id) => !keep.has(id));
  if (drop.length === 0) return;
  sql
    .prepare("DELETE FROM parity_signature WHERE target = ? AND video_id IN (SELECT value FROM json_each(?))")
    .run(target, JSON.stringify(drop));
}

/** The last unfinished run on this target over the same batches: resumed from its first unfinished batch. */
export async function resumableRun(db: ControlDb, target: string, orderHash: string, batchCount: number) {
  const open = await db.parityRun.findFirst({ where: { target }, orderBy: { id: "desc" } });
  if (!open || open.status === "finished" || open.orderHash !== orderHash || open.batchCount !== batchCount)
    return null;
  return open;
}

export async function differencesOfRun(db: ControlDb, runId: number) {
  return db.parityDifference.findMany({ where: { runId }, orderBy: { id: "asc" } });
}

/** The identities the owner accepted on this target. */
export async function acceptedIdentities(db: ControlDb, target: string): Promise<Set<string>> {
  const rows = await db.parityRemedy.findMany({ where: { target, action: "accept" }, select: { identity: true } });
  return new Set(rows.flatMap((r) => (r.identity ? [r.identity] : [])));
}
