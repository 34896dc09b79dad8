import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedServer, type EmbeddedServer } from "../../lib/target/embedded-server";
import { makeTempDir } from "../../test/support/temp-dir";
import { runCli } from "../../test/support/cli";

/**
 * The whole step 3 path through the CLI on the demo pair, against a second PostgreSQL server
 * given by DATABASE_URL (not the integration run's server): what the owner types.
 */
let server: EmbeddedServer;
const temp = makeTempDir("cutover-copy-cli-");
let databaseUrl: string;

beforeAll(async () => {
  server = await startEmbeddedServer(path.join(temp.dir, "second-pg"));
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE ytv2_external");
  await admin.end();
  databaseUrl = server.url("ytv2_external");
});
afterAll(async () => {
  await server?.stop();
  temp.cleanup();
});

const cli = (...args: string[]) =>
  runCli({ env: { CUTOVER_DATA_DIR: path.join(temp.dir, "data"), DATABASE_URL: databaseUrl } }, ...args);

describe("cutover plan, copy and verify against an external PostgreSQL", () => {
  it("plans the demo pair, copies it and verifies it: exit 0, 67 categorization records equal", () => {
    for (const step of [["backup", "--processing-stopped"], ["approve", "backup"], ["schema"], ["approve", "schema"]]) {
      const result = cli(...step);
      expect(result.code, `${step.join(" ")}: ${result.stderr}`).toBe(0);
    }
    const plan = cli("plan", "--json");
    expect(plan.code, plan.stderr).toBe(0);
    const counts = JSON.parse(plan.stdout) as {
      counts: Record<string, number>;
      quarantine: Record<string, number>;
      categorized: number;
      summaries: number;
    };
    expect(counts.counts).toMatchObject({ resurrection_candidate: 6, nas_new: 5, dashboard_only: 3 });
    expect(counts.counts.both_differ).toBeGreaterThanOrEqual(4);
    expect(counts.quarantine).toMatchObject({ invalid_key: 1, duplicate_key: 1, orphan: 1 });
    expect(counts.categorized).toBe(67);

    const copy = cli("copy");
    expect(copy.code, copy.stderr + copy.stdout).toBe(0);
    expect(copy.stderr).toMatch(/copy: 90\/90 records .*; content 84\/84, content_summaries 158\/158$/m);
    expect(copy.stdout).toMatch(/✓ Every record identical/);

    const verify = cli("verify", "--json");
    expect(verify.code, verify.stderr).toBe(0);
    const report = JSON.parse(verify.stdout) as {
      ok: boolean;
      checks: { name: string; ok: boolean; detail: string }[];
    };
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.name === "Categorization records identical")!.detail).toMatch(/^67 of 67/);
    expect(report.checks.map((c) => Object.keys(c).sort())).toEqual(report.checks.map(() => ["detail", "name", "ok"]));
  });

  it("exits 1 when verify finds a record that differs from the merged sources", async () => {
    const target = new pg.Client({ connectionString: databaseUrl });
    await target.connect();
    try {
      await target.query(
        "UPDATE content SET title = title || ' (edited in PostgreSQL)' WHERE video_id = (SELECT min(video_id) FROM content)",
      );
    } finally {
      await target.end();
    }
    const verify = cli("verify", "--json");
    const report = JSON.parse(verify.stdout) as { ok: boolean; checks: { name: string; ok: boolean }[] };
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === "Every record identical")!.ok).toBe(false);
    expect(verify.code).toBe(1);
  });
});
