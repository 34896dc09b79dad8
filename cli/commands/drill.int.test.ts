import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveStepWithGate } from "../../lib/steps/approve";
import { copyRunInput } from "../../lib/steps/copy-step";
import { confirmDefaults } from "../../lib/review/decide";
import { runStepAction } from "../../lib/workflow/workflow";
import { demoHarness, type Harness } from "../../test/support/copy-harness";
import { createTestDatabase, type TestDatabase } from "../../test/support/postgres";
import { approveThroughSchema } from "../../test/support/steps";
import { relayTo, type TcpRelay } from "../../test/support/tcp-relay";
import { runCliAsync } from "../../test/support/cli";

const ACTOR = "owner (test)";
let db: TestDatabase;
let relay: TcpRelay;
let h: Harness;

/**
 * The real CLI, in a child process, on the harness's data dir and target. Asynchronous: the
 * relay to the target runs in this process's event loop.
 */
const cli = (...args: string[]) =>
  runCliAsync({ env: { CUTOVER_DATA_DIR: h.ctx.paths.dataDir, DATABASE_URL: h.databaseUrl } }, ...args);

beforeAll(async () => {
  db = await createTestDatabase("drillcli");
  relay = await relayTo(db.url);
  h = await demoHarness({ databaseUrl: relay.url });
  await approveThroughSchema(h, ACTOR);
});
afterAll(async () => {
  await h.cleanup();
  await relay.close();
  await db.drop();
});

describe("cutover drill", () => {
  it("refuses in one line until step 3 is approved, and stores nothing", async () => {
    const refused = await cli("drill");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.trim().split("\n").at(-1)).toBe(
      "cutover: Refused: the delete drill runs once step 3 (Copy & diff) is approved; nothing was run.",
    );
  });

  it("--json: every check passed, exit 0, the documented shape", async () => {
    expect(await h.ctx.db.drillRun.count()).toBe(0);
    expect((await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR))).status).toBe("passed");
    await confirmDefaults(h.ctx, "all", ACTOR, "all records");
    await approveStepWithGate(h.ctx, { stepId: "copy", actor: ACTOR, confirmation: "copy is complete" });

    const run = await cli("drill", "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown> & { checks: Array<Record<string, unknown>> };
    expect(Object.keys(json)).toEqual([
      "ok",
      "drillRun",
      "evidenceHash",
      "target",
      "scratchSchema",
      "leftoversDropped",
      "leftOut",
      "checks",
      "nonCascade",
      "totalMs",
    ]);
    expect(json).toMatchObject({ ok: true, drillRun: 1, leftoversDropped: [], nonCascade: [] });
    expect(json.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(json.checks).toHaveLength(10);
    for (const check of json.checks) {
      expect(Object.keys(check)).toEqual(["name", "ok", "detail", "ms"]);
      expect(check.ok).toBe(true);
    }
    // progress goes to stderr, one line per check
    expect(run.stderr).toContain("  5/8 Race: B deleted during A's writes, A commits\n");
    expect((await h.ctx.db.drillRun.findFirstOrThrow()).evidenceHash).toBe(json.evidenceHash);
  });

  it("prints each check with its timing; a table without a cascade fails it, named, exit 1", async () => {
    await h.query("CREATE TABLE playlist_item (video_id text REFERENCES content (video_id))");
    try {
      const run = await cli("drill");
      expect(run.code).toBe(1);
      const lines = run.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^✓ Scratch schema made from the schema definition \([\d.]+ ms\): \d+ objects/);
      const failing = lines.filter((line) => line.startsWith("✕"));
      expect(failing).toHaveLength(1);
      expect(failing[0]).toMatch(
        /^✕ Every table that references content deletes with it \(ON DELETE CASCADE\) \([\d.]+ ms\): 1 table references content without a cascade, so a video's delete is refused or leaves rows behind: playlist_item \(playlist_item_video_id_fkey, ON DELETE NO ACTION\)$/,
      );
      expect(lines.slice(-3)).toEqual([
        "Tables that reference content without ON DELETE CASCADE:",
        "  playlist_item  playlist_item_video_id_fkey  ON DELETE NO ACTION",
        expect.stringMatching(/^Drill #2 failed 1 of 10 checks; stored with evidence hash [0-9a-f]{12}…$/),
      ]);
    } finally {
      await h.query("DROP TABLE playlist_item");
    }
  });

  it("an unreachable target: one line, exit 1, nothing stored", async () => {
    await relay.close();
    const run = await cli("drill", "--json");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const where = new URL(h.databaseUrl);
    expect(run.stderr.trim().split("\n").at(-1)).toBe(
      `cutover: The target PostgreSQL at 127.0.0.1:${where.port}${where.pathname} cannot be reached (ECONNREFUSED); check that it runs and the host and port are right.`,
    );
    expect(await h.ctx.db.drillRun.count()).toBe(2);
  });
});
