import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { makeTestContext } from "../../test/support/app-context";
import { createTestDatabase } from "../../test/support/postgres";
import type { AppContext } from "../../lib/app-context";
import { acquireLease } from "../../lib/workflow/lease";
import { approveStep, runStepAction } from "../../lib/workflow/workflow";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(databaseUrl?: string) {
  const db = await createTestDatabase("schemacli");
  const url = databaseUrl ?? db.url;
  const ctx = makeTestContext({ DATABASE_URL: url });
  cleanups.push(
    () => db.drop(),
    () => ctx.cleanup(),
  );
  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [path.join(process.cwd(), "cli", "cutover.mjs"), ...args], {
      env: { ...process.env, CUTOVER_DATA_DIR: ctx.paths.dataDir, DATABASE_URL: url },
      encoding: "utf8",
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  return { db, ctx, cli };
}

async function approveBackup(ctx: AppContext) {
  const actor = "owner (test)";
  await runStepAction(ctx, {
    stepId: "backup",
    action: "run",
    actor,
    execute: async () => ({ checks: [{ name: "x", ok: true, detail: "ok" }], evidence: {} }),
  });
  await approveStep(ctx, { stepId: "backup", actor });
}

describe("cutover schema", () => {
  it("--dry-run prints the plan and SQL and changes nothing, even while the step is locked", async () => {
    const { cli } = await setup();
    const dry = cli("schema", "--dry-run");
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Plan: (\d+) objects: 0 present, \1 missing, 0 different$/m);
    expect(dry.stdout).toContain("  + table      content\n");
    expect(dry.stdout).toContain("CREATE TABLE IF NOT EXISTS content (");
    expect(dry.stdout).toMatch(/Nothing was changed\. Locked until step "Backup" is approved\.\s/);

    const apply = cli("schema");
    expect(apply.code).toBe(1);
    expect(apply.stderr.trim().split("\n").at(-1)).toBe(
      'cutover: Refused: step "Schema" is locked until step 1 "Backup" is approved.',
    );
    expect(cli("schema", "--dry-run").stdout).toMatch(/0 present, (\d+) missing/);
  });

  it("applies once backup is approved, prints green checks, and approve schema succeeds", async () => {
    const { ctx, cli } = await setup();
    await approveBackup(ctx);
    const apply = cli("schema");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("✓ Every schema object present:");
    expect(apply.stdout).toContain("✓ Self-test: deleting content cascades to its summaries:");
    expect(apply.stdout).not.toContain("✕");
    expect(apply.stdout).toMatch(/Run #\d+ passed; approve with: cutover approve schema/);

    const dry = cli("schema", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/: (\d+) present, 0 missing, 0 different/);
    expect(dry.stdout).toContain("migration_flags: dual_write_mode=off, freeze_processing=on, read_from_postgres=off");
    expect(dry.stdout).toContain("-- Every object is present: no DDL to run.");

    expect(cli("approve", "schema")).toMatchObject({ code: 0, stdout: 'Approved step "schema".\n' });
  });

  it("with a conflicting table, --dry-run lists the conflict and apply refuses in one line", async () => {
    const { db, ctx, cli } = await setup();
    await approveBackup(ctx);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query("CREATE TABLE parity_log (run_id integer PRIMARY KEY)");
    await client.end();

    const dry = cli("schema", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("CONFLICTS (1): apply is blocked");
    expect(dry.stdout).toContain("  ! column     parity_log.run_id: parity_log.run_id is integer, expected text");

    const apply = cli("schema");
    expect(apply.code).toBe(1);
    expect(apply.stdout).toBe("");
    expect(apply.stderr.trim().split("\n").at(-1)).toMatch(
      /^cutover: Refused: the target already has 1 object with another shape .* nothing was changed\./,
    );
  });

  it("refuses an unreachable target and a busy workflow in one line each, exit 1", async () => {
    const { ctx, cli } = await setup("postgresql://someone:secret@127.0.0.1:1/ytv2");
    await approveBackup(ctx);
    for (const args of [["schema", "--dry-run"], ["schema"]]) {
      const result = cli(...args);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n").at(-1)).toMatch(
        /^cutover: The target PostgreSQL at 127\.0\.0\.1:1\/ytv2 cannot be reached \(ECONNREFUSED\)/,
      );
      expect(result.stderr).not.toContain("secret");
    }

    const lease = await acquireLease(ctx.db, "test holds the lease");
    try {
      const busy = cli("schema");
      expect(busy.code).toBe(1);
      expect(busy.stderr.trim().split("\n").at(-1)).toMatch(/^cutover: Busy: test holds the lease is running since/);
    } finally {
      await lease.release();
    }
  });
});
