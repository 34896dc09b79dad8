import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "../../test/support/temp-dir";
import { runCli } from "../../test/support/cli";

/** `cutover scan` as the owner runs it: the real CLI in a child process, its exit code and output. */
const temp = makeTempDir("cutover-scan-cli-");
const dataDir = path.join(temp.dir, "data");
const corpus = { nas: path.join(temp.dir, "nas"), dashboard: path.join(temp.dir, "dashboard") };
const clean = path.join(temp.dir, "clean");

/** Code folders come only from each test's own arguments or env, never from the caller's. */
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(
    {
      cwd: temp.dir,
      env: { NAS_CODE_DIR: undefined, DASHBOARD_CODE_DIR: undefined, CUTOVER_DATA_DIR: dataDir, ...env },
    },
    "scan",
    ...args,
  );

beforeAll(() => {
  cpSync(path.join(process.cwd(), "test/fixtures/scan-corpus"), temp.dir, { recursive: true });
  mkdirSync(clean);
  writeFileSync(path.join(clean, "app.py"), 'print("hello")\n');
});
afterAll(() => temp.cleanup());

describe("cutover scan (the CLI)", () => {
  it("a folder that does not exist: one line, exit 1, nothing on stdout", () => {
    const run = cli(["missing"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`cutover: The code folder does not exist: ${path.join(temp.dir, "missing")}\n`);
  });

  it("no folder named and none configured: one line, exit 1", () => {
    const run = cli([]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      "cutover: No code folder to scan: set NAS_CODE_DIR and DASHBOARD_CODE_DIR, or name the folders (cutover scan <dir>…).",
    ]);
  });

  it("an unknown option is refused before anything is read, exit 2", () => {
    const run = cli([clean, "--jsn"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^cutover: scan: unknown option --jsn/);
  });

  it("reads NAS_CODE_DIR and DASHBOARD_CODE_DIR when no folder is named; findings exit 1", () => {
    const run = cli([], { NAS_CODE_DIR: "nas", DASHBOARD_CODE_DIR: corpus.dashboard });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      new RegExp(`^NAS \\(${corpus.nas}\\): \\d+ files read, \\d+ findings; not a git repository$`),
    );
    expect(lines.some((line) => line.startsWith(`Dashboard (${corpus.dashboard}): `))).toBe(true);
    expect(lines.at(-1)).toMatch(
      /^Sync-code scan: \d+ findings in 2 folders; the cutover's gate needs each one fixed or acknowledged\.$/,
    );
  });

  it("--json on a clean folder: {ok: true}, exit 0; on the corpus: ok false, exit 1", () => {
    const ok = cli([clean, "--json"]);
    expect(ok.code).toBe(0);
    const parsed = JSON.parse(ok.stdout) as { ok: boolean; folders: Array<{ dir: string }>; findings: unknown[] };
    expect(parsed).toMatchObject({ ok: true, findings: [] });
    expect(parsed.folders.map((f) => f.dir)).toEqual([clean]);

    const found = cli([corpus.nas, "--json"]);
    expect(found.code).toBe(1);
    const report = JSON.parse(found.stdout) as { ok: boolean; findings: Array<{ kind: string }> };
    expect(report.ok).toBe(false);
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it("reads the history of a repository owned by another user, which git alone refuses", () => {
    const repo = path.join(temp.dir, "foreign");
    mkdirSync(repo);
    const gitEnv = {
      ...process.env,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "owner",
      GIT_AUTHOR_EMAIL: "owner@example.com",
      GIT_COMMITTER_NAME: "owner",
      GIT_COMMITTER_EMAIL: "owner@example.com",
    };
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: gitEnv, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    writeFileSync(
      path.join(repo, "ytv2_content.db"),
      Buffer.concat([Buffer.from("SQLite format 3\0"), Buffer.alloc(64)]),
    );
    git("add", ".");
    git("commit", "-qm", "database included");
    // git's own switch for its tests: every repository counts as another user's
    const run = cli([repo], { GIT_TEST_ASSUME_DIFFERENT_OWNER: "1", GIT_CONFIG_GLOBAL: "/dev/null" });
    expect(run.stdout).toContain(
      `${repo} (${repo}): 0 files read, 1 finding; git repository, 1 database file in it or its history`,
    );
    expect(run.stdout).toContain("ytv2_content.db  db_in_git  ytv2_content.db is tracked in git (added in ");
    expect(run.code).toBe(1);
  });
});
