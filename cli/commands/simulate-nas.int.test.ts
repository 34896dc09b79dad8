import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATIONS } from "../../lib/demo/simulate-nas";
import { createTestDatabase, type TestDatabase } from "../../test/support/postgres";
import { makeTempDir } from "../../test/support/temp-dir";
import { SIMULATE_CHOICES } from "../command-table";
import { runCli } from "../../test/support/cli";

/** "Simulate the NAS" on the demo pair through the CLI, and parity naming what each simulation did. */
const temp = makeTempDir("cutover-simulate-");
const dataDir = path.join(temp.dir, "data");
let target: TestDatabase;

beforeAll(async () => {
  target = await createTestDatabase("simulate");
});
afterAll(async () => {
  await target?.drop();
  temp.cleanup();
});

const cli = (env: Record<string, string>, ...args: string[]) =>
  runCli({ env: { CUTOVER_DATA_DIR: dataDir, DATABASE_URL: target.url, ...env } }, ...args);
const ok = (...args: string[]) => {
  const result = cli({}, ...args);
  expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
  return result.stdout;
};

async function targetRow(videoId: string) {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT title FROM content WHERE video_id = $1", [videoId]);
    return rows[0] as { title: string } | undefined;
  } finally {
    await client.end();
  }
}

function fileHas(file: string, videoId: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT 1 FROM content WHERE video_id = ?").get(videoId) !== undefined;
  } finally {
    db.close();
  }
}

describe("cutover simulate-nas", () => {
  it("offers at the terminal exactly the simulations the panel offers", () => {
    expect(SIMULATE_CHOICES.map((choice) => choice.replace(/-/g, "_"))).toEqual([...SIMULATIONS]);
  });

  it("is refused before step 4 opens and with real sources; then each simulation does what it says and parity names it", async () => {
    const early = cli({}, "simulate-nas", "process");
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/^cutover: Refused: step "Parity" is locked until step 1 "Backup" is approved\.\n$/);
    expect(cli({}, "simulate-nas", "sideways").code).toBe(2);

    ok("backup", "--processing-stopped");
    ok("approve", "backup");
    ok("schema");
    ok("approve", "schema");
    ok("copy");
    ok("decide", "--confirm-defaults");
    ok("approve", "copy", "--confirm", "copy is complete");
    const nas = path.join(dataDir, "demo", "nas.db");
    const dashboard = path.join(dataDir, "demo", "dashboard.db");
    const real = cli({ NAS_DB: nas, DASHBOARD_DB: dashboard }, "simulate-nas", "process");
    expect(real.code).toBe(1);
    expect(real.stderr).toMatch(/for the demo pair only/);

    ok("dual-write", "on");
    const processed = /^Processed (\S+): written to the NAS file and to PostgreSQL\.\n$/.exec(
      ok("simulate-nas", "process"),
    );
    expect(processed).not.toBeNull();
    const both = processed![1]!;
    expect(fileHas(nas, both)).toBe(true);
    expect(await targetRow(both)).toEqual({ title: `Simulated video ${both}` });

    const untitled = /^Processed (\S+): failure injected: untitled\.\n$/.exec(
      ok("simulate-nas", "process-untitled"),
    )![1]!;
    expect(await targetRow(untitled)).toEqual({ title: "(untitled)" });
    const lost = /^Processed (\S+): failure injected: sqlite_only\.\n$/.exec(
      ok("simulate-nas", "process-sqlite-only"),
    )![1]!;
    expect(fileHas(nas, lost)).toBe(true);
    expect(await targetRow(lost)).toBeUndefined();
    const deleted = /^Deleted (\S+) on the Dashboard/.exec(ok("simulate-nas", "dashboard-delete"))![1]!;
    expect(fileHas(dashboard, deleted)).toBe(false);
    expect(await targetRow(deleted)).toBeDefined();

    const parity = cli({}, "parity", "--json");
    expect(parity.code).toBe(1);
    const report = JSON.parse(parity.stdout) as {
      seenInBoth: string[];
      differences: { videoId: string; kind: string; field: string | null }[];
    };
    expect(report.seenInBoth).toContain(both);
    const named = (videoId: string) => report.differences.filter((d) => d.videoId === videoId).map((d) => d.kind);
    expect(named(untitled)).toEqual(["field_drift"]);
    expect(named(lost)).toEqual(["missing_in_target"]);
    expect(named(deleted)).toEqual(["delete_drift"]);
    expect(named(both)).toEqual([]);
  }, 400_000);
});
