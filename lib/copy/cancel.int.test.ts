import { afterEach, describe, expect, it } from "vitest";
import type { Progress } from "@/lib/workflow/types";
import { demoHarness, type Harness } from "@/test/support/copy-harness";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

describe("cancelling a copy", () => {
  it("stops between batches with a resumable state, and the next copy finishes where it stopped", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    await h.plan(20);
    const abort = new AbortController();
    // cancelled once the first batch is in (the report before it only gives the totals)
    const cancelAfterABatch = (p: Progress) => p.done > 0 && abort.abort();
    await expect(h.copy({ signal: abort.signal, onProgress: cancelAfterABatch })).rejects.toThrow(
      /^copy cancelled after \d+ of 90 records; run Copy and verify again \(npx cutover copy\) to resume$/,
    );
    const run = await h.ctx.db.copyRun.findFirstOrThrow({ include: { batches: true } });
    expect(run.status).toBe("cancelled");
    expect(run.batches.length).toBeGreaterThanOrEqual(1);
    const [{ n }] = await h.query<{ n: number }>("SELECT count(*)::int AS n FROM content");
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(84);
    const [{ n: summariesBefore }] = await h.query<{ n: number }>("SELECT count(*)::int AS n FROM content_summaries");
    expect(summariesBefore).toBeGreaterThan(0);

    const reports: Progress[] = [];
    const resumed = await h.copy({ onProgress: (p) => reports.push(p) });
    expect(resumed.runId).toBe(run.id);
    expect(resumed.resumedFrom).toBe(run.batches.length);
    expect((await h.verify()).ok).toBe(true);

    // The resumed run's progress starts from what the cancelled run wrote and ends at the plan's totals.
    expect(reports[0]!.tables).toEqual([
      { table: "content", done: n, total: 84 },
      { table: "content_summaries", done: summariesBefore, total: 158 },
    ]);
    expect(reports.filter((r) => r.phase === "copy").at(-1)!.tables).toEqual([
      { table: "content", done: 84, total: 84 },
      { table: "content_summaries", done: 158, total: 158 },
    ]);
  });
});
