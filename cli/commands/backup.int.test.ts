import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "../../test/support/temp-dir";
import { runCli } from "../../test/support/cli";

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

function cliOn(dataDir: string) {
  return (...args: string[]) =>
    runCli({ env: { CUTOVER_DATA_DIR: dataDir, NAS_DB: "", DASHBOARD_DB: "", EXPECTED_CATEGORIZED: "" } }, ...args);
}

const stateOf = (status: { stdout: string }) =>
  (JSON.parse(status.stdout) as { steps: Array<{ id: string; state: string }> }).steps[0];

describe("cutover backup", () => {
  it("refuses in one line until --processing-stopped is given, then backs up, prints the evidence and approves", () => {
    const temp = makeTempDir("cutover-cli-backup-");
    temps.push(temp);
    const cli = cliOn(temp.dir);

    const refused = cli("backup");
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split("\n")).toEqual([expect.stringMatching(/--processing-stopped/)]);
    expect(stateOf(cli("status", "--json"))).toMatchObject({ id: "backup", state: "ready" });

    const run = cli("backup", "--processing-stopped");
    expect(run.code, run.stderr).toBe(0);
    const manifestPath = /^Manifest: (.+manifest\.json)$/m.exec(run.stdout)?.[1];
    expect(manifestPath).toBeDefined();
    expect(existsSync(manifestPath!)).toBe(true);
    expect(run.stdout).toMatch(/^✓ NAS snapshot$/m);
    expect(run.stdout).toMatch(/^✓ Dashboard snapshot$/m);
    expect(run.stdout).toMatch(/^ {2}sha256 +[0-9a-f]{64}$/m);
    expect(run.stdout).toContain("✓ 67 categorization records, expected 67");
    expect(run.stderr).toMatch(/snapshot nas: .*pages/);

    expect(stateOf(cli("status", "--json"))).toMatchObject({ id: "backup", state: "passed" });
    const approve = cli("approve", "backup");
    expect(approve.code, approve.stderr).toBe(0);
    expect(stateOf(cli("status", "--json"))).toMatchObject({ id: "backup", state: "approved" });
  });
});
