import { afterEach, describe, expect, it } from "vitest";
import { demoHarness, type Harness } from "./testing/harness";

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
    await expect(h.copy({ signal: abort.signal, onProgress: () => abort.abort() })).rejects.toThrow(
      /^copy cancelled after \d+ of 90 records; run copy again to resume$/,
    );
    const run = await h.ctx.db.copyRun.findFirstOrThrow({ include: { batches: true } });
    expect(run.status).toBe("cancelled");
    expect(run.batches.length).toBeGreaterThanOrEqual(1);
    const [{ n }] = await h.query<{ n: number }>("SELECT count(*)::int AS n FROM content");
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(84);

    const resumed = await h.copy();
    expect(resumed.runId).toBe(run.id);
    expect(resumed.resumedFrom).toBe(run.batches.length);
    expect((await h.verify()).ok).toBe(true);
  });
});
