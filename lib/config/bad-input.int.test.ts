import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "../../test/support/temp-dir";

/**
 * What the owner sees for configuration that cannot work, from the CLI and from `npm start`'s
 * script: one line on stderr, exit 1, no stack trace, nothing created. The read-only and the
 * unwritable data dir need root (to mount a read-only file system, and to run as another user),
 * as this project's machines and CI run.
 */
const root = process.cwd();
const temp = makeTempDir("cutover-bad-input-");
const readOnlyMount = path.join(temp.dir, "read-only");

beforeAll(() => {
  expect(process.getuid?.(), "these tests run as root, as CI does").toBe(0);
  mkdirSync(readOnlyMount);
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", readOnlyMount], { encoding: "utf8" });
  expect(mounted.status, mounted.stderr).toBe(0);
});
afterAll(() => {
  spawnSync("umount", [readOnlyMount]);
  temp.cleanup();
});

type Run = { code: number | null; stdout: string; stderr: string };
const result = (run: SpawnSyncReturns<string>): Run => ({ code: run.status, stdout: run.stdout, stderr: run.stderr });

function env(extra: Record<string, string>) {
  return { ...process.env, NAS_DB: "", DASHBOARD_DB: "", DATABASE_URL: "", PANEL_PASSWORD: "", HOST: "", ...extra };
}

/** `npx cutover status` (reads the control DB; starts no server), optionally as user nobody. */
function cli(extra: Record<string, string>, asNobody = false): Run {
  const node = [process.execPath, path.join(root, "cli", "cutover.mjs"), "status"];
  const [command, ...args] = asNobody ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node] : node;
  return result(spawnSync(command!, args, { cwd: root, env: env(extra), encoding: "utf8" }));
}

/** `npm start`'s script, until it exits (these configurations stop it before it serves). */
function start(extra: Record<string, string>, asNobody = false): Run {
  const node = [process.execPath, "--conditions=react-server", "--import", "tsx", "scripts/start.ts", "--no-build"];
  const [command, ...args] = asNobody ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node] : node;
  return result(
    spawnSync(command!, args, { cwd: root, env: env({ PORT: "1", ...extra }), encoding: "utf8", timeout: 60_000 }),
  );
}

/** Exit 1 and exactly one line on stderr, which matches; never a stack trace. */
function expectOneLine(run: Run, pattern: RegExp) {
  expect(run.code, run.stderr + run.stdout).toBe(1);
  const lines = run.stderr.split("\n").filter((line) => line.trim() !== "");
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr + run.stdout).not.toMatch(/^\s+at /m);
}

describe("a data dir that cannot be used", () => {
  it("under a regular file: one line naming the file, from the CLI and from npm start", () => {
    const file = path.join(temp.dir, "a-file");
    writeFileSync(file, "not a directory");
    const dataDir = path.join(file, "data");
    const said =
      /^(cutover|\[cutover\]): CUTOVER_DATA_DIR .*a-file\/data lies under .*a-file, which is a file; set it to a directory\.$/;
    expectOneLine(cli({ CUTOVER_DATA_DIR: dataDir }), said);
    expectOneLine(
      start({ CUTOVER_DATA_DIR: dataDir }),
      /^\[cutover\] CUTOVER_DATA_DIR .* lies under .*a-file, which is a file/,
    );
    expectOneLine(cli({ CUTOVER_DATA_DIR: file }), /CUTOVER_DATA_DIR .*a-file is a file, not a directory/);
  });

  it("on a read-only file system", () => {
    const dataDir = path.join(readOnlyMount, "data");
    expectOneLine(
      cli({ CUTOVER_DATA_DIR: dataDir }),
      /^cutover: CUTOVER_DATA_DIR .* cannot be used: it is on a read-only file system \(EROFS\)/,
    );
    expectOneLine(
      start({ CUTOVER_DATA_DIR: dataDir }),
      /^\[cutover\] CUTOVER_DATA_DIR .* cannot be used: it is on a read-only file system/,
    );
    expect(readdirSync(readOnlyMount)).toEqual([]);
  });

  it("that this user may not write", () => {
    const locked = path.join(temp.dir, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    for (const dataDir of [path.join(locked, "data"), locked]) {
      expectOneLine(
        cli({ CUTOVER_DATA_DIR: dataDir }, true),
        /^cutover: CUTOVER_DATA_DIR .* cannot be used: user 65534 may not write there \(EACCES\)/,
      );
      expectOneLine(
        start({ CUTOVER_DATA_DIR: dataDir }, true),
        /^\[cutover\] CUTOVER_DATA_DIR .* cannot be used: user 65534 may not write there/,
      );
    }
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe("configuration refused before anything is written", () => {
  const dataDir = path.join(temp.dir, "never-created");

  it("a DATABASE_URL with an invalid port, without showing its password", () => {
    const url = "postgresql://ytv2:s3cret-pw@db.example.com:99999/ytv2?sslmode=require";
    for (const run of [
      cli({ CUTOVER_DATA_DIR: dataDir, DATABASE_URL: url }),
      start({ CUTOVER_DATA_DIR: dataDir, DATABASE_URL: url }),
    ]) {
      expectOneLine(
        run,
        /Configuration error: DATABASE_URL has an invalid port "99999": use a number from 1 to 65535$/,
      );
      expect(run.stderr).not.toContain("s3cret-pw");
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it("a PANEL_PASSWORD under 12 characters, and a non-loopback HOST without the opt-in", () => {
    expectOneLine(
      start({ CUTOVER_DATA_DIR: dataDir, PANEL_PASSWORD: "short pass" }),
      /^\[cutover\] Configuration error: PANEL_PASSWORD must be at least 12 characters long/,
    );
    expectOneLine(
      start({ CUTOVER_DATA_DIR: dataDir, HOST: "0.0.0.0", PANEL_PASSWORD: "a long enough passphrase" }),
      /^\[cutover\] Configuration error: HOST is not a loopback address: .*ALLOW_REMOTE_PANEL=1/,
    );
    expect(existsSync(dataDir)).toBe(false);
  });
});
