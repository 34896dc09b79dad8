import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { runCli } from "./support/cli";
import { freePort, startPanel, stopPanel } from "./support/panel-process";
import { readPanelState } from "./support/state";

function postgresProcesses(dataDir: string): string[] {
  return execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes("postgres") && line.includes(dataDir));
}

function embeddedUrl(dataDir: string): string {
  const server = JSON.parse(readFileSync(path.join(dataDir, "postgres", "server.json"), "utf8"));
  const credentials = JSON.parse(readFileSync(path.join(dataDir, "postgres", "credentials.json"), "utf8"));
  return `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${server.port}/ytv2`;
}

test("a second panel on the same data dir is refused with 'already running'", async () => {
  const { dataDir } = readPanelState();
  await expect(startPanel(dataDir, await freePort())).rejects.toThrow(/already running on this data dir/);
});

test("start, Ctrl-C, start again: same data, no postgres process left behind", async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cutover-lifecycle-"));
  chmodSync(dataDir, 0o711);
  try {
    const first = await startPanel(dataDir, await freePort());
    const client = new pg.Client({ connectionString: embeddedUrl(dataDir) });
    await client.connect();
    await client.query("create table survives_restart (note text)");
    await client.query("insert into survives_restart values ('kept')");
    await client.end();
    expect(runCli(dataDir, ["approve", "copy"]).code).toBe(1);

    expect(await stopPanel(first, "SIGINT")).toBe(0);
    expect(postgresProcesses(dataDir)).toEqual([]);

    const second = await startPanel(dataDir, await freePort());
    const again = new pg.Client({ connectionString: embeddedUrl(dataDir) });
    await again.connect();
    const { rows } = await again.query("select note from survives_restart");
    await again.end();
    expect(rows).toEqual([{ note: "kept" }]);
    const audit = runCli(dataDir, ["status", "--json"]);
    expect(audit.code).toBe(0);

    expect(await stopPanel(second, "SIGINT")).toBe(0);
    expect(postgresProcesses(dataDir)).toEqual([]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("the CLI shares the running panel's control DB: its refusal shows in the panel's audit log", async ({ page }) => {
  const { dataDir, baseUrl } = readPanelState();
  const refused = runCli(dataDir, ["approve", "schema"]);
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim()).toBe('cutover: Refused: step "Schema" is locked until step 1 "Backup" is approved.');
  const status = runCli(dataDir, ["status", "--json"]);
  expect(JSON.parse(status.stdout).steps[0]).toMatchObject({ id: "backup", state: "ready" });
  await page.goto(baseUrl + "/audit");
  await expect(page.getByRole("row").filter({ hasText: "owner (cli)" }).first()).toContainText("refused");
});
