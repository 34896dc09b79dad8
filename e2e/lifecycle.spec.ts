import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { isProcessAlive } from "../lib/common/process";
import { runCli } from "./support/cli";
import { freePort, type PanelProcess, startPanel, stopPanel } from "./support/panel-process";
import { eventually, isPortFree, processesOfDataDir } from "./support/processes";
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

function tempDataDir(prefix: string): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dataDir, 0o711);
  return dataDir;
}

async function exited(panel: PanelProcess) {
  if (panel.child.exitCode === null && panel.child.signalCode === null) await once(panel.child, "exit");
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "postgres", "cluster", "postmaster.pid"), "utf8").split("\n")[0]);
}

// The signals a terminal, a service manager (`systemctl stop`, `docker stop`) or `kill PID`
// send, to npm's own process and to the panel's (the one that serves and holds the lock).
const STOPS: Array<{ signal: NodeJS.Signals; to: "npm" | "panel" }> = [
  { signal: "SIGTERM", to: "npm" },
  { signal: "SIGINT", to: "npm" },
  { signal: "SIGTERM", to: "panel" },
  { signal: "SIGINT", to: "panel" },
  { signal: "SIGHUP", to: "panel" },
];

test("`npm start` stops cleanly on SIGTERM, SIGINT or SIGHUP to npm's pid or the panel's: no process of the data dir left, port free", async () => {
  test.setTimeout(STOPS.length * 90_000);
  const dataDir = tempDataDir("cutover-signals-");
  try {
    for (const { signal, to } of STOPS) {
      const port = await freePort();
      const panel = await startPanel(dataDir, port, {}, "npm");
      const panelPid = panel.pid();
      // The login link comes last, in its frame: nothing printed after it buries it.
      expect(await eventually(() => panel.output().trimEnd().endsWith("┘"), 5_000)).toBe(true);
      const lastBlock = panel.output().slice(panel.output().lastIndexOf("┌"));
      expect(lastBlock).toContain(panel.loginUrl);
      expect(lastBlock).not.toContain("[cutover]");
      expect(panelPid, "npm start runs the panel as its own child (exec, no shell between)").not.toBe(panel.child.pid);
      expect(processesOfDataDir(dataDir).length).toBeGreaterThan(2); // npm, the panel, PostgreSQL and its workers

      process.kill(to === "npm" ? panel.child.pid! : panelPid, signal);
      await exited(panel);
      const left = await eventually(() => processesOfDataDir(dataDir).length === 0, 30_000);
      expect(left, `${signal} to ${to}: ${processesOfDataDir(dataDir).join("; ")}`).toBe(true);
      expect(await isPortFree(port), `${signal} to ${to}: port ${port}`).toBe(true);
      expect(panel.output(), `${signal} to ${to}`).toContain(`[cutover] Stopped. Data kept in ${dataDir}`);
      expect(existsSync(path.join(dataDir, "panel.lock.json"))).toBe(false);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("killed outright, the panel leaves no web server answering, and the next start stops the PostgreSQL it left and says so", async () => {
  const dataDir = tempDataDir("cutover-killed-");
  try {
    const port = await freePort();
    const first = await startPanel(dataDir, port);
    const orphan = postmasterPid(dataDir);
    process.kill(first.pid(), "SIGKILL");
    await exited(first);

    // The web server lived in the killed process: nothing answers on its port.
    expect(await isPortFree(port)).toBe(true);
    // PostgreSQL was a separate process and outlives it; its lock file is stale now.
    expect(isProcessAlive(orphan)).toBe(true);
    expect(existsSync(path.join(dataDir, "panel.lock.json"))).toBe(true);

    const second = await startPanel(dataDir, await freePort());
    const notices = second
      .output()
      .split("\n")
      .filter((line) => line.includes("left running"));
    expect(notices).toEqual([
      `[cutover] Stopped the embedded PostgreSQL (pid ${orphan}) that a process killed earlier left running on ${path.join(dataDir, "postgres", "cluster")}.`,
    ]);
    expect(isProcessAlive(orphan)).toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
    const client = new pg.Client({ connectionString: embeddedUrl(dataDir) });
    await client.connect();
    await client.end();

    expect(await stopPanel(second, "SIGTERM")).toBe(0);
    expect(await eventually(() => processesOfDataDir(dataDir).length === 0)).toBe(true);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("with its output pipe closed (the reader gone), the panel keeps serving and still stops on SIGTERM and SIGINT", async () => {
  const dataDir = tempDataDir("cutover-nopipe-");
  try {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const port = await freePort();
      const panel = await startPanel(dataDir, port);
      // What a killed supervisor leaves: nobody reads the panel's stdout or stderr any more.
      panel.child.stdout!.destroy();
      panel.child.stderr!.destroy();
      for (const route of ["/", "/login", "/steps/nope", "/api/report"]) {
        const answer = await fetch(panel.baseUrl + route, { redirect: "manual" });
        expect(answer.status, route).toBeLessThan(600);
      }
      // its own "Stopping…" line is the first write into the closed pipe
      process.kill(panel.pid(), signal);
      await exited(panel);
      expect(panel.child.exitCode, signal).toBe(0);
      const left = await eventually(() => processesOfDataDir(dataDir).length === 0, 30_000);
      expect(left, `${signal}: ${processesOfDataDir(dataDir).join("; ")}`).toBe(true);
      expect(await isPortFree(port)).toBe(true);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
