import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBackup } from "@/lib/backup";
import { runCopy } from "@/lib/copy/run-copy";
import { buildPlan } from "@/lib/merge/planner";
import { withTargetClient } from "@/lib/target/connect";
import { applySchema } from "@/lib/target/schema/apply";
import { closeTargetDb } from "@/lib/target/target-db";
import { verifyTarget } from "@/lib/verify/verify-target";
import { makeTestContext } from "@/test/support/app-context";
import { countedKeys, MESSY_DASHBOARD, MESSY_NAS, type MessyRow } from "@/test/support/messy-keys";
import { createTestDatabase } from "@/test/support/postgres";
import { makeTempDir } from "@/test/support/temp-dir";
import { createLegacyDatabase } from "./legacy-schema";

/**
 * One key, one count: the backup, the plan and verify agree on the number of categorization
 * records, on every messy key form (NULL video_id, a bare legacy id, a yt: id with another or
 * an invalid video_id, keys no rule can derive, duplicates inside one source).
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function writeSource(file: string, rows: MessyRow[]) {
  const db = createLegacyDatabase(file, { version: "current" });
  const insert = db.prepare(
    `INSERT INTO content (id, video_id, title, indexed_at, created_at, updated_at, subcategories_json, analysis, subcategory)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(
      r.id,
      r.video_id,
      `Video ${r.id}`,
      r.updated_at,
      r.updated_at,
      r.updated_at,
      r.subcategories_json ?? null,
      r.analysis ?? null,
      r.subcategory ?? null,
    );
  }
  db.close();
}

describe("the categorization count", () => {
  it("is the same in the backup, the plan and verify, on the same derived keys", async () => {
    const temp = makeTempDir("cutover-agreement-");
    cleanups.push(() => temp.cleanup());
    const sources = { nas: path.join(temp.dir, "nas.db"), dashboard: path.join(temp.dir, "dashboard.db") };
    writeSource(sources.nas, MESSY_NAS);
    writeSource(sources.dashboard, MESSY_DASHBOARD);
    const target = await createTestDatabase("agreement");
    const ctx = makeTestContext({ NAS_DB: sources.nas, DASHBOARD_DB: sources.dashboard, DATABASE_URL: target.url });
    cleanups.push(async () => {
      await closeTargetDb(target.url);
      await ctx.cleanup();
      await target.drop();
    });
    await withTargetClient(target.url, (client) => applySchema(client));
    const union = new Set([...countedKeys(MESSY_NAS), ...countedKeys(MESSY_DASHBOARD)]);
    expect(union.size).toBe(9);

    const { manifest } = await runBackup({ sources, backupsDir: ctx.paths.backupsDir, expectedCategorized: 7 });
    const side = (role: string) => manifest.sources.find((source) => source.role === role)!;
    expect(side("dashboard").categorized).toBe(countedKeys(MESSY_DASHBOARD).length);
    expect(side("dashboard").categorizationQuarantined).toEqual({ invalidKey: 2, duplicateKey: 1 });
    expect(side("nas").categorized).toBe(countedKeys(MESSY_NAS).length);
    expect(manifest.categorizedUnion).toBe(union.size);
    const { outcome } = await runBackup({ sources, backupsDir: ctx.paths.backupsDir, expectedCategorized: 7 });
    expect(outcome.checks.find((c) => c.name === "Dashboard categorization count = expected")?.detail).toBe(
      "Dashboard 7 categorized (expected 7); NAS 3; union 9; categorization rows left out because the merge quarantines them (no valid key, or an older duplicate): NAS 1, Dashboard 3",
    );

    const plan = await buildPlan({ db: ctx.db, controlDbFile: ctx.paths.controlDb, sources });
    expect(plan.counts.categorized).toBe(union.size);
    const planned = await ctx.db.mergeRecord.findMany({ where: { planId: plan.planId, categorized: true } });
    expect(planned.map((record) => record.videoId).sort()).toEqual([...union].sort());

    const stored = await ctx.db.mergePlan.findUniqueOrThrow({ where: { id: plan.planId } });
    await runCopy({ db: ctx.db, controlDbFile: ctx.paths.controlDb, databaseUrl: target.url, sources, plan: stored });
    const verified = await verifyTarget(ctx, { databaseUrl: target.url, sources, plan: stored });
    const check = verified.checks.find((c) => c.name === "Categorization records identical")!;
    expect(check.evidence).toMatchObject({ total: union.size });
  });
});
