import { afterEach, describe, expect, it } from "vitest";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { approveThroughCopy, approveThroughSchema } from "@/test/support/steps";
import { simulateProcessVideo } from "@/lib/demo/nas-simulator";
import { readDualWrite, setDualWrite } from "@/lib/parity/dual-write";
import { acceptDifference, recopyRecord } from "@/lib/parity/remedies";
import type { ParityResult } from "@/lib/parity/run-parity";
import { getStepStatusOrThrow, runStepAction } from "@/lib/workflow/workflow";
import { copyRunInput } from "./copy-step";
import { approveStepWithGate } from "./approve";
import { parityRunInput } from "./parity-step";
import { gatherReportFacts } from "@/lib/report/facts";
import { acknowledgeShadow, runShadowStep, shadowVerdict } from "@/lib/shadow/shadow-step";

const ACTOR = "owner (test)";
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

async function atStep4() {
  const h = await demoHarness();
  harnesses.push(h);
  await approveThroughCopy(h, ACTOR);
  return h;
}

async function parity(h: Harness) {
  let result: ParityResult | undefined;
  const run = await runStepAction(
    h.ctx,
    parityRunInput(h.ctx, h.databaseUrl, ACTOR, { onResult: (r) => (result = r) }),
  );
  return { run, result: result!, failed: run.checks.filter((c) => !c.ok).map((c) => c.name) };
}

/** The shadow read run and each kind of its findings acknowledged, as the owner would after reading them. */
async function shadowAcknowledged(h: Harness) {
  const state = await runShadowStep(h.ctx, { databaseUrl: h.databaseUrl, actor: ACTOR });
  for (const { kind, open } of state.kinds) {
    if (open) await acknowledgeShadow(h.ctx, { target: kind, note: "seen side by side; expected", actor: ACTOR });
  }
  expect((await shadowVerdict(h.ctx)).ok).toBe(true);
}

const processed = (h: Harness, videoId: string, fail?: "sqlite_only" | "untitled") =>
  simulateProcessVideo({
    nasFile: h.sources.nas,
    databaseUrl: h.databaseUrl,
    dualWrite: true,
    fail,
    video: { videoId, title: `Simulated ${videoId}`, channel: "Demo Channel", summary: `About ${videoId}.` },
  });

describe("step 4 through the workflow core", () => {
  it("refuses a parity run and dual write until step 3 is approved, audited, changing nothing", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    await approveThroughSchema(h, ACTOR);
    await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR));
    await expect(runStepAction(h.ctx, parityRunInput(h.ctx, h.databaseUrl, ACTOR))).rejects.toThrow(
      'Refused: step "Parity" is locked until step 3 "Copy & diff" is approved.',
    );
    await expect(setDualWrite(h.ctx, h.databaseUrl, "on", ACTOR)).rejects.toThrow(/is locked until step 3/);
    expect(await h.query("SELECT enabled FROM migration_flags WHERE name = 'dual_write_mode'")).toEqual([
      { enabled: false },
    ]);
    expect(await readDualWrite(h.ctx)).toBeNull();
    expect(await h.ctx.db.parityRun.count()).toBe(0);
    expect(await h.ctx.db.auditEntry.count({ where: { step: "parity", outcome: "refused" } })).toBe(2);
  });

  it("passes its gate after 3 clean runs with dual write on and a video seen in both stores; dual write off refuses the approval", async () => {
    const h = await atStep4();
    await shadowAcknowledged(h);
    const on = await setDualWrite(h.ctx, h.databaseUrl, "on", ACTOR);
    expect(on.changed).toBe(true);
    expect(await h.query("SELECT enabled, updated_by FROM migration_flags WHERE name = 'dual_write_mode'")).toEqual([
      { enabled: true, updated_by: ACTOR },
    ]);
    const first = await parity(h);
    expect(first.failed).toEqual([
      "Last 3 parity runs clean",
      "Runs span at least 0 minutes",
      "A video processed during dual write seen in both stores",
    ]);
    await processed(h, "dualWrite01");
    expect((await parity(h)).failed).toEqual(["Last 3 parity runs clean", "Runs span at least 0 minutes"]);
    const third = await parity(h);
    expect(third.failed).toEqual([]);
    expect(third.run.status).toBe("passed");
    expect(third.result.seenInBoth).toEqual(["dualWrite01"]);

    await setDualWrite(h.ctx, h.databaseUrl, "off", ACTOR);
    await expect(approveStepWithGate(h.ctx, { stepId: "parity", actor: ACTOR })).rejects.toThrow(/Dual write on/);
    expect((await getStepStatusOrThrow(h.ctx, "parity")).state).toBe("passed");
    await setDualWrite(h.ctx, h.databaseUrl, "on", ACTOR);
    // a new window: the runs before it no longer count
    await expect(approveStepWithGate(h.ctx, { stepId: "parity", actor: ACTOR })).rejects.toThrow(
      /Last 3 parity runs clean/,
    );
  });

  it("asks the runs to span PARITY_MIN_MINUTES, then approves", async () => {
    const h = await atStep4();
    await shadowAcknowledged(h);
    await setDualWrite(h.ctx, h.databaseUrl, "on", ACTOR);
    await processed(h, "dualWrite02");
    h.ctx.env.parityMinMinutes = 60;
    for (let i = 0; i < 3; i++) await parity(h);
    expect((await parity(h)).failed).toEqual(["Runs span at least 60 minutes"]);
    h.ctx.env.parityMinMinutes = 0;
    expect((await parity(h)).failed).toEqual([]);
    await approveStepWithGate(h.ctx, { stepId: "parity", actor: ACTOR });
    expect((await getStepStatusOrThrow(h.ctx, "parity")).state).toBe("approved");

    // the evidence report shows what was recorded, not "not run yet"
    const sections = new Map((await gatherReportFacts(h.ctx)).sections.map((section) => [section.id, section]));
    expect(sections.get("parity")).toMatchObject({
      state: "recorded",
      note: expect.stringMatching(/^5 finished parity runs/),
    });
    expect(sections.get("parity")!.tables[0]!.rows[0]![6]).toBe("dualWrite02");
    expect(sections.get("shadow")).toMatchObject({ state: "recorded" });
    const kinds = sections.get("shadow")!.tables[0]!.rows;
    expect(kinds.length).toBeGreaterThan(0);
    for (const [, count, acknowledged, note] of kinds) {
      expect(acknowledged).toBe(count);
      expect(note).toBe("seen side by side; expected");
    }
    expect(sections.get("drill")).toMatchObject({ state: "not_run" });
  });

  it("remedies: a re-copy makes the next run clean; an accepted difference (with a note) no longer counts", async () => {
    const h = await atStep4();
    await setDualWrite(h.ctx, h.databaseUrl, "on", ACTOR);
    await processed(h, "onlySqlite1", "sqlite_only");
    await processed(h, "untitledPg1", "untitled");
    const found = await parity(h);
    expect(found.result.differences.map((d) => [d.videoId, d.kind, d.field])).toEqual([
      ["onlySqlite1", "missing_in_target", null],
      ["untitledPg1", "field_drift", "title"],
    ]);
    expect(found.failed).toContain("This run clean");

    expect(await recopyRecord(h.ctx, h.databaseUrl, "onlySqlite1", ACTOR)).toEqual({
      videoId: "onlySqlite1",
      result: "copied",
    });
    expect(await recopyRecord(h.ctx, h.databaseUrl, "onlySqlite1", ACTOR)).toEqual({
      videoId: "onlySqlite1",
      result: "copied",
    });
    const drift = found.result.differences.find((d) => d.kind === "field_drift")!;
    await expect(acceptDifference(h.ctx, drift.id, "  ", ACTOR)).rejects.toThrow(/needs a note/);
    await acceptDifference(h.ctx, drift.id, "the NAS's default title; fixed on the NAS", ACTOR);

    const after = await parity(h);
    expect(after.result.differences.map((d) => [d.videoId, d.kind, d.accepted])).toEqual([
      ["untitledPg1", "field_drift", true],
    ]);
    expect(after.result.clean).toBe(true);
    expect(after.failed).not.toContain("This run clean");
    expect(after.failed).not.toContain("Every difference remedied or accepted");
    const audit = await h.ctx.db.auditEntry.findMany({
      where: { step: "parity", action: { in: ["re-copy", "accept"] } },
    });
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ["re-copy", "ok"],
      ["re-copy", "ok"],
      ["accept", "ok"],
    ]);
  });
});
