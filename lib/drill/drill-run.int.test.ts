import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "@/lib/audit/audit-log";
import { canonicalHash } from "@/lib/common/canonical-json";
import { approveStepWithGate } from "@/lib/steps/approve";
import { copyRunInput } from "@/lib/steps/copy-step";
import { confirmDefaults } from "@/lib/review/decide";
import { withTargetClient } from "@/lib/target/connect";
import { runStepAction } from "@/lib/workflow/workflow";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";
import { approveThroughSchema } from "@/test/support/steps";
import { relayTo, type TcpRelay } from "@/test/support/tcp-relay";
import { drillAction, latestDrillRun } from "./drill-run";
import { listScratchSchemas } from "./scratch-schema";

const ACTOR = "owner (test)";

describe("the drill as step 5's action", () => {
  let db: TestDatabase;
  let relay: TcpRelay;
  let h: Harness;

  beforeAll(async () => {
    db = await createTestDatabase("drillrun");
    relay = await relayTo(db.url);
    h = await demoHarness({ databaseUrl: relay.url });
    await approveThroughSchema(h, ACTOR);
  });
  afterAll(async () => {
    await h.cleanup();
    await relay.close();
    await db.drop();
  });

  it("refuses until step 3 is approved, and stores and runs nothing", async () => {
    await expect(drillAction(h.ctx, h.databaseUrl, ACTOR)).rejects.toThrow(
      "Refused: the delete drill runs once step 3 (Copy & diff) is approved; nothing was run.",
    );
    expect(await h.ctx.db.drillRun.count()).toBe(0);
    expect(await h.ctx.db.auditEntry.count({ where: { action: "drill" } })).toBe(0);
  });

  it("after step 3's approval: runs, stores the result with its hash, and audits it", async () => {
    expect((await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR))).status).toBe("passed");
    await confirmDefaults(h.ctx, "all", ACTOR, "all records");
    await approveStepWithGate(h.ctx, { stepId: "copy", actor: ACTOR, confirmation: "copy is complete" });
    const listed = await h.query<{ n: number }>("SELECT count(*)::int AS n FROM content");

    const run = await drillAction(h.ctx, h.databaseUrl, ACTOR);
    expect(run.ok).toBe(true);
    expect(run.result.checks.every((check) => check.ok)).toBe(true);
    const stored = await latestDrillRun(h.ctx.db);
    expect(stored).toEqual(run);
    expect(stored!.evidenceHash).toBe(canonicalHash(stored!.result));
    const [entry] = await h.ctx.db.auditEntry.findMany({ where: { action: "drill" } });
    expect(entry).toMatchObject({ step: "cutover", outcome: "ok", actor: ACTOR });
    expect(JSON.parse(entry!.detail)).toMatchObject({ drillRun: run.id, evidenceHash: run.evidenceHash, failed: [] });
    expect((await verifyAuditLog(h.ctx.db)).ok).toBe(true);
    // the copied rows are as they were, and nothing of the drill is left
    expect(await h.query<{ n: number }>("SELECT count(*)::int AS n FROM content")).toEqual(listed);
    expect(await withTargetClient(h.databaseUrl, listScratchSchemas)).toEqual([]);
  });

  it("an unreachable target: one line, and nothing stored", async () => {
    const before = { runs: await h.ctx.db.drillRun.count(), audit: await h.ctx.db.auditEntry.count() };
    await relay.close();
    const where = new URL(h.databaseUrl);
    await expect(drillAction(h.ctx, h.databaseUrl, ACTOR)).rejects.toThrow(
      `The target PostgreSQL at 127.0.0.1:${where.port}${where.pathname} cannot be reached (ECONNREFUSED); check that it runs and the host and port are right.`,
    );
    expect({ runs: await h.ctx.db.drillRun.count(), audit: await h.ctx.db.auditEntry.count() }).toEqual(before);
  });
});
