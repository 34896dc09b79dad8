import "server-only";
import type Database from "better-sqlite3";
import { MERGE_CASES, type MergeCase } from "../classify";
import type { MergeBatch } from "../merge-pass";
import type { MergedRecord } from "../merge-record";
import type { QuarantineEntry } from "../quarantine";
import { canonicalJson } from "../transforms";
import { openControlSql } from "./control-sql";

/**
 * Writes a plan into the control DB while the merge pass streams: a header first (status
 * "building"), then per batch its records, differing fields, summary sources and quarantine
 * entries in one transaction, then the counts (status "ready"). Older plans are deleted when
 * the new one is ready, so a crash while planning leaves the previous plan in place.
 */
export type PlanHeader = {
  nasPath: string;
  dashboardPath: string;
  nasFingerprint: string;
  dashboardFingerprint: string;
  highWaterMark: string | null;
  batchSize: number;
  batchCount: number;
};

export type PlanCounts = {
  counts: Record<(typeof MERGE_CASES)[number], number>;
  quarantine: Record<string, number>;
  categorized: number;
  summaries: number;
};

const ORIGINAL_MAX = 2000;

function preview(value: unknown): string | null {
  if (value === undefined) return null;
  let text: string;
  try {
    text = typeof value === "string" ? value : canonicalJson(value);
  } catch {
    text = String(value);
  }
  return text.length > ORIGINAL_MAX ? `${text.slice(0, ORIGINAL_MAX)}…` : text;
}

type SqlValue = string | number | null;

/**
 * A batch's plan as the rows the writer inserts (without plan id and ordinal, which only the
 * writer knows), and its share of the counts. Pure, so a merge worker can make it.
 */
export type PlanRows = {
  records: [videoId: string, ...SqlValue[]][];
  fields: SqlValue[][];
  summaries: SqlValue[][];
  quarantine: SqlValue[][];
  totals: PlanCounts;
};

function emptyCounts(): PlanCounts {
  return {
    counts: Object.fromEntries(MERGE_CASES.map((c) => [c, 0])) as PlanCounts["counts"],
    quarantine: {},
    categorized: 0,
    summaries: 0,
  };
}

export function planRows(
  records: MergedRecord[],
  extras: QuarantineEntry[] = [],
  /** rows to add to (a batch's earlier slices) */
  rows: PlanRows = { records: [], fields: [], summaries: [], quarantine: [], totals: emptyCounts() },
): PlanRows {
  const { totals } = rows;
  const quarantine = (q: QuarantineEntry) => {
    totals.quarantine[q.reason] = (totals.quarantine[q.reason] ?? 0) + 1;
    rows.quarantine.push([
      q.videoId,
      q.reason,
      q.field,
      q.source,
      q.sourceTable,
      q.sourceKey,
      q.detail,
      preview(q.original),
    ]);
  };
  for (const r of records) {
    totals.counts[r.mergeCase]++;
    if (r.categorized) totals.categorized++;
    totals.summaries += r.summaries.length;
    const reasons = [...new Set(r.quarantine.map((q) => q.reason))].sort().join(",") || null;
    const rowIds = r.ledger.filter((l) => l.table === "content");
    const rowId = (side: string) => rowIds.find((l) => l.source === side)?.sourceKey ?? null;
    rows.records.push([
      r.videoId,
      r.mergeCase,
      r.categorized ? 1 : 0,
      r.title,
      r.defaultAction,
      r.action,
      r.diffs.length,
      r.summaries.length,
      r.summaries.filter((s) => s.conflict).length,
      r.quarantine.length,
      reasons,
      rowId("nas"),
      rowId("dashboard"),
    ]);
    for (const d of r.diffs) {
      rows.fields.push([
        r.videoId,
        d.field,
        canonicalJson(d.nas ?? null),
        canonicalJson(d.dashboard ?? null),
        d.defaultSide,
        d.chosenSide,
      ]);
    }
    for (const s of r.summaries) {
      const shadowed = s.shadowed.length
        ? JSON.stringify(s.shadowed.map((c) => ({ side: c.side, table: c.table, sourceKey: c.sourceKey })))
        : null;
      rows.summaries.push([
        r.videoId,
        s.variant,
        s.revision,
        s.from,
        s.chosen.table,
        s.chosen.sourceKey,
        s.isLatest ? 1 : 0,
        s.conflict ? 1 : 0,
        shadowed,
      ]);
    }
    r.quarantine.forEach(quarantine);
  }
  extras.forEach(quarantine);
  return rows;
}

/** A merge batch's plan rows, from its slices: the product a merge worker makes for `plan`. */
export function planBatchRows(slices: Iterable<MergeBatch>): PlanRows {
  let rows: PlanRows | undefined;
  for (const slice of slices) rows = planRows(slice.records, slice.extras?.quarantine, rows);
  return rows ?? planRows([]);
}

export const PLAN_BATCH_ROWS = {
  fn: planBatchRows,
  file: "lib/merge/store/plan-writer.ts",
  exportName: "planBatchRows",
} as const;

export type PlanWriter = {
  planId: number;
  write(rows: PlanRows): void;
  finish(planHash: string): PlanCounts;
  abandon(): void;
};

export function createPlanWriter(controlDbFile: string, header: PlanHeader): PlanWriter {
  const db: Database.Database = openControlSql(controlDbFile);
  const planId = Number(
    db
      .prepare(
        `INSERT INTO merge_plan (created_at, status, nas_path, dashboard_path, nas_fingerprint, dashboard_fingerprint, high_water_mark, batch_size, batch_count)
         VALUES (?, 'building', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        new Date().toISOString(),
        header.nasPath,
        header.dashboardPath,
        header.nasFingerprint,
        header.dashboardFingerprint,
        header.highWaterMark,
        header.batchSize,
        header.batchCount,
      ).lastInsertRowid,
  );
  const insertRecord = db.prepare(
    `INSERT INTO merge_record (plan_id, video_id, ordinal, merge_case, categorized, title, default_action, action, differing_fields,
       summaries, summary_conflicts, quarantine_count, quarantine_reasons, nas_row_id, dashboard_row_id, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned')`,
  );
  const insertField = db.prepare(
    "INSERT INTO merge_field (plan_id, video_id, field, nas_value, dashboard_value, default_side, chosen_side) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertSummary = db.prepare(
    `INSERT INTO merge_summary (plan_id, video_id, variant, revision, source, source_table, source_key, is_latest, conflict, shadowed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertQuarantine = db.prepare(
    `INSERT INTO merge_quarantine (plan_id, video_id, reason, field, source, source_table, source_key, detail, original)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const totals = emptyCounts();
  let ordinal = 0;
  const write = db.transaction((rows: PlanRows) => {
    for (const [key, n] of Object.entries(rows.totals.counts)) totals.counts[key as MergeCase] += n;
    for (const [key, n] of Object.entries(rows.totals.quarantine))
      totals.quarantine[key] = (totals.quarantine[key] ?? 0) + n;
    totals.categorized += rows.totals.categorized;
    totals.summaries += rows.totals.summaries;
    for (const [videoId, ...rest] of rows.records) insertRecord.run(planId, videoId, ordinal++, ...rest);
    for (const row of rows.fields) insertField.run(planId, ...row);
    for (const row of rows.summaries) insertSummary.run(planId, ...row);
    for (const row of rows.quarantine) insertQuarantine.run(planId, ...row);
  });
  return {
    planId,
    write: (rows) => write(rows),
    finish(planHash) {
      db.transaction(() => {
        db.prepare("UPDATE merge_plan SET status = 'ready', counts = ?, plan_hash = ? WHERE id = ?").run(
          JSON.stringify(totals),
          planHash,
          planId,
        );
        db.prepare("DELETE FROM merge_plan WHERE id <> ?").run(planId);
      })();
      db.close();
      return totals;
    },
    abandon() {
      db.prepare("DELETE FROM merge_plan WHERE id = ?").run(planId);
      db.close();
    },
  };
}
