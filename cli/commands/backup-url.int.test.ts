import { spawn } from "node:child_process";
import { existsSync, readdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createLegacyDb } from "../../test/support/legacy-fixtures";
import { startSourceServer, type SourceServer } from "../../test/support/source-server";
import { makeTempDir } from "../../test/support/temp-dir";

/**
 * `cutover backup` and `cutover approve backup` with the Dashboard given by its download URL,
 * served by a test server on 127.0.0.1 (the CLI runs as a child process, so it is spawned
 * without blocking the server). The token never appears in anything the CLI prints.
 */
const TOKEN = "cli-sync-secret";
const temps: Array<{ cleanup(): void }> = [];
const servers: SourceServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  temps.splice(0).forEach((temp) => temp.cleanup());
});

type Run = { code: number | null; stdout: string; stderr: string };

function cli(env: Record<string, string>, args: string[], onSpawn?: (child: ReturnType<typeof spawn>) => void) {
  return new Promise<Run>((resolve) => {
    // cli/index.ts run as cutover.mjs runs it, without the wrapper, so a signal reaches the CLI itself.
    const tsx = import.meta.resolve("tsx");
    const index = path.join(process.cwd(), "cli", "index.ts");
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", tsx, index, ...args], {
      env: {
        ...process.env,
        CUTOVER_PROJECT_ROOT: process.cwd(),
        EXPECTED_CATEGORIZED: "7",
        NAS_DB_TOKEN: "",
        DASHBOARD_DB_TOKEN: "",
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    onSpawn?.(child);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function setup() {
  const temp = makeTempDir("cutover-cli-url-");
  temps.push(temp);
  const nas = path.join(temp.dir, "nas.db");
  const served = path.join(temp.dir, "served.db");
  createLegacyDb(nas, { rows: 30, categorized: 2 });
  createLegacyDb(served, { rows: 60, categorized: 7, firstVideo: 20 });
  const server = await startSourceServer({ file: served, token: TOKEN });
  servers.push(server);
  const dataDir = path.join(temp.dir, "data");
  const env = {
    CUTOVER_DATA_DIR: dataDir,
    NAS_DB: nas,
    DASHBOARD_DB: `${server.url}?source=cli`,
    DASHBOARD_DB_TOKEN: TOKEN,
  };
  return { dir: temp.dir, nas, served, server, dataDir, env };
}

const oneLine = (run: Run) => run.stderr.trim().split("\n");

describe("cutover backup with the Dashboard by URL", () => {
  it("downloads it with progress, backs up both, approves after a fresh download; the token is never printed", async () => {
    const s = await setup();
    const run = await cli(s.env, ["backup", "--processing-stopped"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `Sources: NAS ${s.nas}, Dashboard ${s.server.url} (downloaded, token from DASHBOARD_DB_TOKEN)`,
    );
    expect(run.stderr).toMatch(/^download dashboard: ([\d,]+)\/\1 bytes \(100%\)/m);
    expect(run.stdout).toMatch(new RegExp(`^ {2}source +${s.server.url.replace(/[.?]/g, "\\$&")}$`, "m"));
    expect(run.stdout).toContain("✓ 7 categorization records, expected 7");
    const approve = await cli(s.env, ["approve", "backup"]);
    expect(approve.code, approve.stderr).toBe(0);
    expect(s.server.requests).toHaveLength(3);
    for (const output of [run.stdout, run.stderr, approve.stdout, approve.stderr]) expect(output).not.toContain(TOKEN);
    expect(output(s.server.requests)).not.toContain("source=cli&");
  });

  it("refuses approval in one line, naming the table, when the file on the server changed", async () => {
    const s = await setup();
    expect((await cli(s.env, ["backup", "--processing-stopped"])).code).toBe(0);
    const db = new Database(s.served);
    db.prepare("DELETE FROM summary_variants WHERE id = 1").run();
    db.close();
    const approve = await cli(s.env, ["approve", "backup"]);
    expect(approve.code).toBe(1);
    expect(oneLine(approve)).toEqual([
      expect.stringMatching(
        /^cutover: .*Dashboard changed since the backup: summary_variants 1 row changed \(1 removed\)/,
      ),
    ]);
  });

  it("stops a download on Ctrl-C and keeps nothing that looks like a backup", async () => {
    const s = await setup();
    s.server.behaviour = "stall";
    const started = cli(s.env, ["backup", "--processing-stopped"], (child) => {
      // Once the download has begun (the server saw it) and stalls, the owner presses Ctrl-C.
      const poll = setInterval(() => {
        if (s.server.requests.length === 0 || child.killed) return;
        clearInterval(poll);
        setTimeout(() => child.kill("SIGINT"), 300);
      }, 50);
      child.once("close", () => clearInterval(poll));
    });
    const run = await started;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cutover: Dashboard download cancelled; nothing was kept$/m);
    const backups = path.join(s.dataDir, "backups");
    for (const id of readdirSync(backups)) expect(readdirSync(path.join(backups, id))).toEqual(["FAILED"]);
    const sources = path.join(s.dataDir, "sources");
    expect(existsSync(sources) ? readdirSync(sources) : []).toEqual([]);
  });

  it("refuses, in one line and before anything runs, a URL with a password and one file given as both sources", async () => {
    const s = await setup();
    const password = await cli({ ...s.env, DASHBOARD_DB: s.server.url.replace("http://", "http://owner:pw@") }, [
      "status",
    ]);
    expect(password.code).toBe(1);
    expect(oneLine(password)).toEqual([
      `cutover: Configuration error: DASHBOARD_DB has credentials in its URL (${s.server.url}); remove them and put the token in DASHBOARD_DB_TOKEN`,
    ]);
    const link = path.join(s.dir, "also-nas.db");
    symlinkSync(s.nas, link);
    for (const command of [["status"], ["backup"], ["plan"]]) {
      const same = await cli({ ...s.env, DASHBOARD_DB: link, DASHBOARD_DB_TOKEN: "" }, command);
      expect(same.code).toBe(1);
      expect(oneLine(same)).toEqual([
        `cutover: Configuration error: NAS_DB and DASHBOARD_DB name the same file (${s.nas} and ${link} are both ${s.nas}); each must name its own source`,
      ]);
    }
    expect(existsSync(s.dataDir)).toBe(false);
  });
});

function output(requests: SourceServer["requests"]): string {
  return JSON.stringify(requests);
}
