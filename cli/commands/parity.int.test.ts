import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateProcessVideo } from "../../lib/demo/nas-simulator";
import { createTestDatabase, type TestDatabase } from "../../test/support/postgres";
import { makeTempDir } from "../../test/support/temp-dir";
import { runCli } from "../../test/support/cli";

/** Step 4 through the CLI on the demo pair: what the owner types, and the JSON a script reads. */
const temp = makeTempDir("cutover-parity-cli-");
let target: TestDatabase;

beforeAll(async () => {
  target = await createTestDatabase("parity_cli");
});
afterAll(async () => {
  await target?.drop();
  temp.cleanup();
});

const cli = (...args: string[]) =>
  runCli({ env: { CUTOVER_DATA_DIR: path.join(temp.dir, "data"), DATABASE_URL: target.url } }, ...args);

type ParityJson = {
  ok: boolean;
  differences: { id: number; videoId: string; kind: string; field: string | null; accepted: boolean }[];
  counts: Record<string, number>;
  gate: { passed: boolean; checks: { name: string; ok: boolean; detail: string }[] };
};

describe("cutover dual-write and parity", () => {
  it("refuses before step 3 is approved, then runs: exit 0 when clean, exit 1 with the drift named in --json", async () => {
    for (const step of [
      ["backup", "--processing-stopped"],
      ["approve", "backup"],
      ["schema"],
      ["approve", "schema"],
      ["copy"],
    ]) {
      const result = cli(...step);
      expect(result.code, `${step.join(" ")}: ${result.stderr}`).toBe(0);
    }
    const early = cli("dual-write", "on");
    expect(early.code).toBe(1);
    expect(early.stderr).toBe('cutover: Refused: step "Parity" is locked until step 3 "Copy & diff" is approved.\n');
    for (const step of [
      ["decide", "--confirm-defaults"],
      ["approve", "copy", "--confirm", "copy is complete"],
    ]) {
      const result = cli(...step);
      expect(result.code, `${step.join(" ")}: ${result.stderr}`).toBe(0);
    }

    const on = cli("dual-write", "on");
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toMatch(/^Dual write on recorded at \S+ by owner \(cli\) for .+\.\nOn the NAS: DUAL_SYNC=true/);
    expect(cli("dual-write", "on").stdout).toMatch(/^Dual write was already on/);

    const clean = cli("parity", "--json");
    expect(clean.code, clean.stderr).toBe(0);
    const first = JSON.parse(clean.stdout) as ParityJson;
    expect(first.ok).toBe(true);
    expect(first.differences).toEqual([]);
    expect(first.gate.passed).toBe(false);
    expect(first.gate.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([
      "Last 3 parity runs clean",
      "Runs span at least 0 minutes",
      "A video processed during dual write seen in both stores",
      "Shadow read identical or acknowledged",
    ]);

    await simulateProcessVideo({
      nasFile: path.join(temp.dir, "data", "demo", "nas.db"),
      databaseUrl: target.url,
      dualWrite: true,
      fail: "untitled",
      video: { videoId: "cliUntitled", title: "A real title", channel: "Demo Channel", summary: "About it." },
    });
    const drift = cli("parity", "--json");
    expect(drift.code).toBe(1);
    const second = JSON.parse(drift.stdout) as ParityJson;
    expect(second.ok).toBe(false);
    expect(second.differences.map((d) => [d.videoId, d.kind, d.field, d.accepted])).toEqual([
      ["cliUntitled", "field_drift", "title", false],
    ]);
    expect(second.counts.field_drift).toBe(1);

    const text = cli("parity");
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      /open #\d+ cliUntitled field_drift title \(a field differs\): SQLite "A real title" \| PostgreSQL "\(untitled\)"/,
    );
    expect(text.stdout).toMatch(/✕ This run clean: \d+ videos compared; 1 open difference/);
  }, 400_000); // a dozen CLI processes on a shared 2-core machine
});
