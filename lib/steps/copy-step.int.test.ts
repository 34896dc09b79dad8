import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { runStepAction } from "@/lib/workflow/workflow";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import { sha256File } from "@/test/support/legacy-fixtures";
import { createTestDatabase } from "@/test/support/postgres";
import { settled } from "@/test/support/settled";
import { approveThroughSchema } from "@/test/support/steps";
import { copyRunInput, verifyRunInput } from "./copy-step";
import { sourcesWitness } from "./freeze-witness";

const ACTOR = "owner (test)";
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

async function approvedThroughSchema() {
  const h = await demoHarness();
  harnesses.push(h);
  await approveThroughSchema(h, ACTOR);
  return h;
}

/** A write to the NAS, as YTV2's processor would make one: the first video's title changed. */
function editFirstNasTitle(h: Harness, title: string) {
  const nas = new Database(h.sources.nas);
  nas.prepare("UPDATE content SET title = ? WHERE rowid = (SELECT min(rowid) FROM content)").run(title);
  nas.close();
}

describe("step 3 through the workflow core", () => {
  it("copies and verifies: passed, with the plan hash and the record-hash digest as evidence", async () => {
    const h = await approvedThroughSchema();
    const result = await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR));
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.status).toBe("passed");
    const run = await h.ctx.db.stepRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(JSON.parse(run.evidence!)).toMatchObject({
      planHash: expect.any(String),
      recordsDigest: expect.any(String),
    });
    const again = await runStepAction(h.ctx, verifyRunInput(h.ctx, h.databaseUrl, ACTOR));
    const rerun = await h.ctx.db.stepRun.findUniqueOrThrow({ where: { id: again.runId } });
    expect(rerun.evidenceHash).toBe(run.evidenceHash);
  });

  it("refuses a verify before anything was copied into the target, audited, with no run recorded", async () => {
    const h = await approvedThroughSchema();
    await expect(runStepAction(h.ctx, verifyRunInput(h.ctx, h.databaseUrl, ACTOR))).rejects.toThrow(
      `Refused: nothing has been copied into ${describeTarget(h.databaseUrl)} yet, so there is nothing to verify. Run Copy and verify first (npx cutover copy): it ends with a verify.`,
    );
    expect(await h.ctx.db.stepRun.count({ where: { step: "copy" } })).toBe(0);
    expect(await h.ctx.db.auditEntry.count({ where: { step: "copy", action: "verify", outcome: "refused" } })).toBe(1);
  });

  it("refuses a verify when the NAS changed after a copy whose freeze check passed (the recorded witness hides no write)", async () => {
    const h = await approvedThroughSchema();
    expect((await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR))).status).toBe("passed");
    editFirstNasTitle(h, "changed after the copy");
    await expect(runStepAction(h.ctx, verifyRunInput(h.ctx, h.databaseUrl, ACTOR))).rejects.toThrow(
      /^source changed since backup: NAS content 1 row changed/,
    );
    const refusal = await h.ctx.db.auditEntry.findFirst({ orderBy: { seq: "desc" } });
    expect(refusal).toMatchObject({ step: "copy", action: "verify", outcome: "refused" });
  });

  it("keeps the backup approval's freeze proof, so the first copy need not read the sources again, and a later write still shows", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    await settled(); // a file written in the last two seconds has no witness (freeze-witness.ts)
    await approveThroughSchema(h, ACTOR);
    const approval = await h.ctx.db.approval.findFirstOrThrow({ where: { step: "backup" } });
    const witnessFile = path.join(h.ctx.paths.dataDir, "freeze-witness.json");
    const provedAtApproval = JSON.parse(readFileSync(witnessFile, "utf8")) as { approvalId: number; witness: string };
    expect(provedAtApproval).toMatchObject({ approvalId: approval.id, witness: sourcesWitness(h.ctx) });
    // and the bytes it proved, so the copy's own freeze check reads each file's bytes, not its rows
    const bytesFile = path.join(h.ctx.paths.dataDir, "freeze-bytes.json");
    const backupId = (JSON.parse(readFileSync(witnessFile, "utf8")) as { backupId: string }).backupId;
    expect(JSON.parse(readFileSync(bytesFile, "utf8"))).toEqual({
      backupId,
      bytes: { nas: sha256File(h.sources.nas), dashboard: sha256File(h.sources.dashboard) },
    });
    editFirstNasTitle(h, "changed after the approval");
    await expect(runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR))).rejects.toThrow(
      /^source changed since backup: NAS content 1 row changed/,
    );
  });

  it("verifies when a source was rewritten with the same rows after the copy: it is fingerprinted again, not trusted", async () => {
    const h = await approvedThroughSchema();
    await settled(); // a file written in the last two seconds has no witness (freeze-witness.ts)
    expect((await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR))).status).toBe("passed");
    const witnessFile = path.join(h.ctx.paths.dataDir, "freeze-witness.json");
    const provedAtCopy = JSON.parse(readFileSync(witnessFile, "utf8")) as { witness: string };
    expect(provedAtCopy.witness).toBe(sourcesWitness(h.ctx));
    // Edited and edited back, in two transactions: the file is written (SQLite skips writing an
    // UPDATE that leaves a row's bytes as they were), its rows end as they were.
    const nas = new Database(h.sources.nas);
    const first = "(SELECT min(rowid) FROM content)";
    const title = nas.prepare(`SELECT title FROM content WHERE rowid = ${first}`).pluck().get() as string;
    nas.prepare(`UPDATE content SET title = 'edited for a moment' WHERE rowid = ${first}`).run();
    nas.prepare(`UPDATE content SET title = ? WHERE rowid = ${first}`).run(title);
    nas.close();
    await settled();
    expect(sourcesWitness(h.ctx)).not.toBe(provedAtCopy.witness);
    const result = await runStepAction(h.ctx, verifyRunInput(h.ctx, h.databaseUrl, ACTOR));
    expect(result.status).toBe("passed");
    // proved again by reading the rows, then recorded as the witness of this state
    expect((JSON.parse(readFileSync(witnessFile, "utf8")) as { witness: string }).witness).toBe(sourcesWitness(h.ctx));
    expect(result.checks.find((c) => c.name === "Sources unchanged since the backup")).toMatchObject({
      ok: true,
      detail: "sources unchanged since the backup",
    });
  });

  it("refuses copy when the NAS changed since the backup, and leaves the target untouched", async () => {
    const h = await approvedThroughSchema();
    editFirstNasTitle(h, "changed after the backup");
    await expect(runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR))).rejects.toThrow(
      /^source changed since backup: NAS content 1 row changed/,
    );
    expect(await h.query("SELECT count(*)::int AS n FROM content")).toEqual([{ n: 0 }]);
    expect(await h.query("SELECT count(*)::int AS n FROM migration_quarantine")).toEqual([{ n: 0 }]);
    expect(await h.ctx.db.copyRun.count()).toBe(0);
    const refusal = await h.ctx.db.auditEntry.findFirst({ orderBy: { seq: "desc" } });
    expect(refusal).toMatchObject({ step: "copy", action: "copy", outcome: "refused" });
  });

  it("refuses copy and verify on a target other than the one whose schema was approved, and writes nothing there", async () => {
    const h = await approvedThroughSchema();
    const other = await createTestDatabase("other");
    try {
      const approvedOn = describeTarget(h.databaseUrl);
      const otherTarget = describeTarget(other.url);
      for (const input of [copyRunInput(h.ctx, other.url, ACTOR), verifyRunInput(h.ctx, other.url, ACTOR)]) {
        await expect(runStepAction(h.ctx, input)).rejects.toThrow(
          `Refused: the schema was approved on ${approvedOn}, and the target now is ${otherTarget}. ` +
            `Apply and approve the schema on ${otherTarget} (step 2), or point DATABASE_URL back.`,
        );
      }
      const tables = await withTargetClient(other.url, (client) =>
        client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"),
      );
      expect(tables.rows).toEqual([{ n: 0 }]);
      expect(await h.ctx.db.copyRun.count()).toBe(0);
      expect(await h.ctx.db.stepRun.count({ where: { step: "copy" } })).toBe(0);
    } finally {
      await other.drop();
    }
  });
});
