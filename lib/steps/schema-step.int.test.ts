import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { makeTestContext } from "../../test/support/app-context";
import { createTestDatabase, type TestDatabase } from "../../test/support/postgres";
import type { AppContext } from "../app-context";
import { readCatalog } from "../target/schema/catalog";
import { closeTargetDb } from "../target/target-db";
import { approveStep, getStepStatusOrThrow, runStepAction, startStepRun } from "../workflow/workflow";
import { applySchemaRunInput, previewSchema } from "./schema-step";

const ACTOR = "owner (test)";
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const db = await createTestDatabase("schemastep");
  const ctx = makeTestContext({ DATABASE_URL: db.url });
  cleanups.push(
    () => db.drop(),
    () => ctx.cleanup(),
    () => closeTargetDb(db.url),
  );
  return { db, ctx };
}

/** Step 1 passed and approved through the core, as its own engine would leave it. */
async function approveBackup(ctx: AppContext) {
  await runStepAction(ctx, {
    stepId: "backup",
    action: "run",
    actor: ACTOR,
    execute: async () => ({ checks: [{ name: "x", ok: true, detail: "ok" }], evidence: {} }),
  });
  await approveStep(ctx, { stepId: "backup", actor: ACTOR });
}

async function catalogOf(db: TestDatabase) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return await readCatalog(client);
  } finally {
    await client.end();
  }
}

async function lastAudit(ctx: AppContext) {
  const entry = await ctx.db.auditEntry.findFirst({ orderBy: { seq: "desc" } });
  return { ...entry, detail: JSON.parse(entry?.detail ?? "{}") as { reason?: string } };
}

describe("step 2 through the workflow core", () => {
  it("refuses to apply while backup is not approved: nothing created, the refusal audited", async () => {
    const { db, ctx } = await setup();
    await expect(startStepRun(ctx, applySchemaRunInput(db.url, ACTOR))).rejects.toThrow(
      'Refused: step "Schema" is locked until step 1 "Backup" is approved.',
    );
    expect(Object.keys((await catalogOf(db)).relations)).toEqual([]);
    expect(await lastAudit(ctx)).toMatchObject({ step: "schema", action: "apply", outcome: "refused" });
    expect(await ctx.db.stepRun.count({ where: { step: "schema" } })).toBe(0);
  });

  it("applies after backup is approved, passes every check, and a second apply keeps the approval", async () => {
    const { db, ctx } = await setup();
    await approveBackup(ctx);
    const first = await runStepAction(ctx, applySchemaRunInput(db.url, ACTOR));
    expect(first.checks.filter((check) => !check.ok)).toEqual([]);
    expect(first.status).toBe("passed");
    expect((await getStepStatusOrThrow(ctx, "schema")).state).toBe("passed");

    await approveStep(ctx, { stepId: "schema", actor: ACTOR });
    expect((await getStepStatusOrThrow(ctx, "schema")).state).toBe("approved");
    expect((await getStepStatusOrThrow(ctx, "copy")).state).toBe("ready");

    const second = await runStepAction(ctx, applySchemaRunInput(db.url, ACTOR));
    expect(second.revoked).toEqual([]);
    const runs = await ctx.db.stepRun.findMany({ where: { step: "schema" }, orderBy: { id: "asc" } });
    expect(runs.map((run) => run.evidenceHash)).toEqual([runs[0]!.evidenceHash, runs[0]!.evidenceHash]);
    expect(second.checks.find((check) => check.name === "Every schema object present")?.detail).toMatch(
      /0 changes applied/,
    );
    expect((await getStepStatusOrThrow(ctx, "schema")).state).toBe("approved");
  });

  it("refuses a target with a conflicting table: audited, the catalog unchanged, no run recorded", async () => {
    const { db, ctx } = await setup();
    await approveBackup(ctx);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query("CREATE TABLE content (video_id integer PRIMARY KEY, title text NOT NULL)");
    await client.end();
    const before = await catalogOf(db);

    await expect(startStepRun(ctx, applySchemaRunInput(db.url, ACTOR))).rejects.toThrow(
      /^Refused: the target already has 1 object with another shape \(content\.video_id is integer, expected text\); nothing was changed/,
    );
    expect(await catalogOf(db)).toEqual(before);
    expect(await lastAudit(ctx)).toMatchObject({ step: "schema", action: "apply", outcome: "refused" });
    expect(await ctx.db.stepRun.count({ where: { step: "schema" } })).toBe(0);
  });

  it("refuses an unreachable target in one line, audited", async () => {
    const { ctx } = await setup();
    await approveBackup(ctx);
    const nowhere = "postgresql://someone:secret@127.0.0.1:1/ytv2";
    const refusal = startStepRun(ctx, applySchemaRunInput(nowhere, ACTOR));
    await expect(refusal).rejects.toThrow(/^The target PostgreSQL at 127\.0\.0\.1:1\/ytv2 cannot be reached/);
    const audit = await lastAudit(ctx);
    expect(audit).toMatchObject({ step: "schema", outcome: "refused" });
    expect(audit.detail.reason).not.toContain("secret");
  });

  it("previews the target without its password, everything missing, then the seeded flags after apply", async () => {
    const { db, ctx } = await setup();
    const before = await previewSchema(ctx);
    const url = new URL(db.url);
    expect(before.target).toEqual({ kind: "external", where: `${url.hostname}:${url.port}${url.pathname}` });
    expect(before.plan.counts.missing).toBe(before.plan.items.length);
    expect(before.flags).toBeNull();
    expect(before.sql).toContain("BEGIN;");

    await approveBackup(ctx);
    await runStepAction(ctx, applySchemaRunInput(db.url, ACTOR));
    const after = await previewSchema(ctx, db.url);
    expect(after.plan.counts.present).toBe(after.plan.items.length);
    expect(after.flags?.map(({ name, enabled, updatedBy }) => ({ name, enabled, updatedBy }))).toEqual([
      { name: "dual_write_mode", enabled: false, updatedBy: "schema step" },
      { name: "freeze_processing", enabled: true, updatedBy: "schema step" },
      { name: "read_from_postgres", enabled: false, updatedBy: "schema step" },
    ]);
  });
});
