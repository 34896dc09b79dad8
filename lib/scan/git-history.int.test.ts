import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/support/temp-dir";
import { scanCodeFolders } from "./scan-code-folders";

const temp = makeTempDir("cutover-scan-git-");
const repo = path.join(temp.dir, "ytv2-nas");
// A repository of its own: no user or system git config leaks in.
const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "owner",
  GIT_AUTHOR_EMAIL: "owner@example.com",
  GIT_COMMITTER_NAME: "owner",
  GIT_COMMITTER_EMAIL: "owner@example.com",
};
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: gitEnv, encoding: "utf8" }).trim();
const write = (file: string, text: string | Buffer) => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
};
const sqliteBytes = Buffer.concat([Buffer.from("SQLite format 3\0"), Buffer.alloc(64)]);
const commits: Record<string, string> = {};

beforeAll(() => {
  mkdirSync(repo);
  git("init", "-q", "-b", "main");
  write("app.py", "print('hello')\n");
  write("data/ytv2_content.db", sqliteBytes);
  write("Thumbs.db", sqliteBytes);
  git("add", ".");
  git("commit", "-qm", "first version, database included");
  commits.added = git("rev-parse", "HEAD");
  // The usual repair: stop tracking the file and ignore it. It stays on disk and in history.
  git("rm", "-q", "--cached", "data/ytv2_content.db");
  write(".gitignore", "*.db\n");
  git("add", ".gitignore");
  git("commit", "-qm", "stop tracking the database");
  write("exports/dashboard.sqlite3", sqliteBytes);
  git("add", "exports/dashboard.sqlite3");
  git("commit", "-qm", "export for the Dashboard");
  commits.export = git("rev-parse", "HEAD");
  git("checkout", "-qb", "experiment");
  write("old/nas-copy.db", sqliteBytes);
  git("add", "-f", "old/nas-copy.db");
  git("commit", "-qm", "keep a copy on a branch");
  commits.branch = git("rev-parse", "HEAD");
  git("checkout", "-q", "main");
  // The scan must never read git's internals, even when they hold sync code.
  write(".git/hooks/post-commit", "#!/bin/sh\nscp data/ytv2_content.db dash:/app/data/ytv2_content.db\n");
});
afterAll(() => temp.cleanup());

describe("db_in_git", () => {
  it("reports database files tracked now and ever added on any branch, with the commit that added them", async () => {
    const report = await scanCodeFolders([{ label: "NAS", dir: repo }]);
    expect(report.folders[0]!.git).toEqual({ state: "repository", databaseFiles: 3 });
    expect(report.findings.map((f) => [f.file, f.line, f.kind, f.rule, f.commit])).toEqual([
      ["data/ytv2_content.db", 0, "db_in_git", "git.history", commits.added],
      ["exports/dashboard.sqlite3", 0, "db_in_git", "git.tracked", commits.export],
      ["old/nas-copy.db", 0, "db_in_git", "git.history", commits.branch],
    ]);
    expect(report.findings[0]!.snippet).toBe(
      `data/ytv2_content.db is in git history (added in ${commits.added!.slice(0, 7)}, no longer tracked)`,
    );
    expect(report.complete).toBe(true);
  });

  it("limits a folder inside a repository to its own paths, relative to it", async () => {
    const report = await scanCodeFolders([{ label: "exports", dir: path.join(repo, "exports") }]);
    expect(report.findings.map((f) => [f.file, f.rule])).toEqual([["dashboard.sqlite3", "git.tracked"]]);
  });

  it("reads the history of a repository owned by another user, which git alone refuses as dubious ownership", async () => {
    // git's own switch for its tests: it treats every repository as another user's, as a NAS
    // share or a service account's checkout is. The same refusal a chown would cause, without root.
    const foreign = { ...gitEnv, GIT_TEST_ASSUME_DIFFERENT_OWNER: "1" };
    expect(() => execFileSync("git", ["ls-files"], { cwd: repo, env: foreign, stdio: "pipe" })).toThrow(
      /dubious ownership/,
    );
    process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER = "1";
    try {
      for (const dir of [repo, path.join(repo, "exports")]) {
        const report = await scanCodeFolders([{ label: "NAS", dir }]);
        expect(report.folders[0]!.git.state).toBe("repository");
        expect(report.complete).toBe(true);
      }
      const report = await scanCodeFolders([{ label: "NAS", dir: repo }]);
      expect(report.findings.map((f) => f.file)).toEqual([
        "data/ytv2_content.db",
        "exports/dashboard.sqlite3",
        "old/nas-copy.db",
      ]);
    } finally {
      delete process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER;
    }
  });

  it("says the check failed (and the scan is incomplete) when git cannot read the repository", async () => {
    const broken = path.join(temp.dir, "broken");
    mkdirSync(broken);
    writeFileSync(path.join(broken, ".git"), "gitdir: /nonexistent/worktree\n");
    const report = await scanCodeFolders([{ label: "Dashboard", dir: broken }]);
    expect(report.folders[0]!.git.state).toBe("failed");
    expect(report.complete).toBe(false);
    rmSync(broken, { recursive: true });
  });

  it("skips the git check when asked, and says so", async () => {
    const report = await scanCodeFolders([{ label: "NAS", dir: repo }], { git: false });
    expect(report.folders[0]!.git).toEqual({ state: "skipped" });
    expect(report.findings).toEqual([]);
  });
});
