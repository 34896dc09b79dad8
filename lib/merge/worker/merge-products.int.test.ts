import { afterEach, describe, expect, it } from "vitest";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { withControlSql } from "@/lib/merge/store/control-sql";
import { buildPlan } from "@/lib/merge/planner";
import { readPassKeys } from "./pass-keys";

/**
 * Merge worker threads must change nothing but where the work runs: the same plan rows, the
 * same target, the same errors as the merge in the calling thread.
 */
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

async function harness() {
  const h = await demoHarness();
  harnesses.push(h);
  return h;
}

/** Columns that differ between two plans of the same sources by construction. */
const PLAN_IDS = new Set(["plan_id", "id"]);
const PLAN_TABLES = ["merge_record", "merge_field", "merge_summary", "merge_quarantine"];

function planRows(h: Harness, planId: number) {
  return withControlSql(h.ctx.paths.controlDb, (sql) =>
    Object.fromEntries(
      PLAN_TABLES.map((table) => [
        table,
        (
          sql.prepare(`SELECT * FROM ${table} WHERE plan_id = ? ORDER BY rowid`).all(planId) as Record<
            string,
            unknown
          >[]
        ).map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !PLAN_IDS.has(column)))),
      ]),
    ),
  );
}

describe("merge worker threads", () => {
  it("make a plan row for row equal to the one made in the calling thread (small batches, two threads)", async () => {
    const h = await harness();
    const here = await h.plan(7, 0);
    const rowsHere = planRows(h, here.planId);
    const threaded = await h.plan(7, 2);
    expect(threaded.counts).toEqual(here.counts);
    expect(threaded.records).toBe(here.records);
    const rowsThreaded = planRows(h, threaded.planId);
    for (const table of PLAN_TABLES) expect(rowsThreaded[table], table).toEqual(rowsHere[table]);
    expect(rowsHere.merge_record).toHaveLength(here.records);
  });

  it("stage a copy that loads the same target as the calling thread, which verify (keys read in a thread) passes", async () => {
    const threaded = await harness();
    await threaded.plan(7, 0);
    // CUTOVER_MERGE_THREADS reaches every pass, verify's keys-only scan included
    process.env.CUTOVER_MERGE_THREADS = "1";
    const { copied, verified } = await (async () => {
      try {
        const copied = await threaded.copy();
        return { copied, verified: await threaded.verify() };
      } finally {
        delete process.env.CUTOVER_MERGE_THREADS;
      }
    })();
    expect(verified).toMatchObject({ ok: true, comparedWith: "copy" });

    const here = await harness();
    await here.plan(7, 0);
    const copiedHere = await here.copy({ threads: 0 });
    const verifiedHere = await here.verify();
    expect(copied).toMatchObject({
      records: copiedHere.records,
      summaries: copiedHere.summaries,
      quarantine: copiedHere.quarantine,
      batches: copiedHere.batches,
    });
    expect(verified.recordsDigest).toBe(verifiedHere.recordsDigest);
    const count = "SELECT (SELECT count(*) FROM content) AS c, (SELECT count(*) FROM content_summaries) AS s";
    expect(await threaded.query(count)).toEqual(await here.query(count));
  });

  it("pass a worker's failure to the caller with the message the calling thread would give", async () => {
    const h = await harness();
    const sources = { ...h.sources, nas: `${h.dir}/missing.db` };
    const plan = (threads: number) =>
      buildPlan({ db: h.ctx.db, controlDbFile: h.ctx.paths.controlDb, sources, threads }).then(
        () => "planned",
        (error: Error) => error.message,
      );
    const here = await plan(0);
    expect(here).not.toBe("planned");
    expect(await plan(2)).toBe(here);
  });

  it("read the keys and row counts in a thread as the calling thread does, failures included", async () => {
    const h = await harness();
    const keys = (sources: typeof h.sources, threads: number) =>
      readPassKeys(sources, 7, threads).catch((error: Error) => error.message);
    expect(await keys(h.sources, 1)).toEqual(await keys(h.sources, 0));
    const missing = { ...h.sources, dashboard: `${h.dir}/missing.db` };
    const here = await keys(missing, 0);
    expect(typeof here).toBe("string");
    expect(await keys(missing, 1)).toBe(here);
  });
});
