import "server-only";
import type { ControlDb } from "@/lib/control/control-db";
import type { TableProgress } from "@/lib/workflow/types";

/**
 * The rows a copy has written per target table, for its progress. `content` counts towards the
 * plan's records whose action (with the owner's decisions) is copy. `content_summaries` counts
 * towards the plan's summaries of those records, unless the owner restored a record the plan
 * left out: the plan never merged that record's summaries, so their number is only known once
 * they are written, and no total is shown. A resumed run starts from what its done batches wrote.
 */
export class CopyTableProgress {
  private constructor(
    private content: number,
    private summaries: number,
    private readonly totals: { content: number; summaries: number | null },
  ) {}

  static async start(
    db: ControlDb,
    {
      planId,
      batchSize,
      runId,
      resumedFrom,
    }: { planId: number; batchSize: number; runId: number; resumedFrom: number },
  ): Promise<CopyTableProgress> {
    const copied = { planId, action: "copy" };
    const [planned, restored, before, doneRows] = await Promise.all([
      db.mergeRecord.aggregate({ where: copied, _count: { _all: true }, _sum: { summaries: true } }),
      db.mergeRecord.count({ where: { ...copied, defaultAction: { not: "copy" } } }),
      db.mergeRecord.count({ where: { ...copied, ordinal: { lt: resumedFrom * batchSize } } }),
      // a done batch's rows are its content rows plus its summaries
      db.copyBatch.aggregate({ where: { runId, batch: { lt: resumedFrom } }, _sum: { rows: true } }),
    ]);
    return new CopyTableProgress(before, (doneRows._sum.rows ?? 0) - before, {
      content: planned._count._all,
      summaries: restored === 0 ? (planned._sum.summaries ?? 0) : null,
    });
  }

  add(counts: { records: number; summaries: number }) {
    this.content += counts.records;
    this.summaries += counts.summaries;
  }

  tables(): TableProgress[] {
    return [
      { table: "content", done: this.content, total: this.totals.content },
      { table: "content_summaries", done: this.summaries, total: this.totals.summaries },
    ];
  }
}
