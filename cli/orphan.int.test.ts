import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isProcessAlive, waitUntilGone } from "../lib/common/process";
import { makeTempDir } from "../test/support/temp-dir";

/**
 * The out-of-memory killer takes only the CLI's node process (SIGKILL): the embedded PostgreSQL
 * it started outlives it. The next command on the data dir finds it by its postmaster.pid,
 * stops it and says so in one line.
 */
const temp = makeTempDir("cutover-orphan-");
const dataDir = path.join(temp.dir, "data");
const postgresDir = path.join(dataDir, "postgres");
afterAll(async () => {
  const pid = postmasterPid();
  if (pid && isProcessAlive(pid)) process.kill(pid, "SIGINT");
  if (pid) await waitUntilGone(pid, 15_000);
  temp.cleanup();
});

const cliArgs = [path.join(process.cwd(), "cli", "cutover.mjs"), "schema", "--dry-run"];
const cliEnv = { ...process.env, CUTOVER_DATA_DIR: dataDir, DATABASE_URL: "", NAS_DB: "", DASHBOARD_DB: "" };

function postmasterPid(): number | undefined {
  try {
    return Number(readFileSync(path.join(postgresDir, "cluster", "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return undefined;
  }
}

/** The pid of the CLI's node process while its embedded server runs (server.json names it). */
function ownerWhileRunning(): number | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(postgresDir, "server.json"), "utf8")) as { ownerPid: number }).ownerPid;
  } catch {
    return undefined;
  }
}

/** Runs the CLI and kills its node process with SIGKILL as soon as its PostgreSQL is up. */
async function killCliWhileItsServerRuns(): Promise<boolean> {
  const wrapper = spawn(process.execPath, cliArgs, { env: cliEnv, stdio: "ignore" });
  const exited = new Promise((resolve) => wrapper.once("exit", resolve));
  let killed = false;
  while (wrapper.exitCode === null && !killed) {
    const owner = ownerWhileRunning();
    if (owner && owner !== wrapper.pid && isProcessAlive(owner)) {
      process.kill(owner, "SIGKILL");
      killed = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await exited;
  return killed && Boolean(postmasterPid() && isProcessAlive(postmasterPid()!));
}

describe("a CLI command killed outright", () => {
  it("leaves its PostgreSQL running; the next command stops it, says so in one line, and works", async () => {
    let orphaned = false;
    // The window between the server being up and the command stopping it is short: try again if missed.
    for (let attempt = 0; attempt < 5 && !orphaned; attempt++) orphaned = await killCliWhileItsServerRuns();
    expect(orphaned, "the CLI was killed while its PostgreSQL ran").toBe(true);
    const orphan = postmasterPid()!;
    expect(isProcessAlive(orphan)).toBe(true);

    const next = spawnSync(process.execPath, cliArgs, { env: cliEnv, encoding: "utf8" });
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toBe(
      `cutover: Stopped the embedded PostgreSQL (pid ${orphan}) that a process killed earlier left running on ${path.join(postgresDir, "cluster")}.\n`,
    );
    expect(next.stdout).toMatch(/^Plan: \d+ objects/m);
    expect(isProcessAlive(orphan)).toBe(false);
    // The command stopped the server it started itself: nothing is left running.
    expect(existsSync(path.join(postgresDir, "cluster", "postmaster.pid"))).toBe(false);
  });
});
