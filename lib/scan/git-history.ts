import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { GitCheck } from "./types";
import type { Hit } from "./rules/hit";

const run = promisify(execFile);
const DB_PATHSPECS = ["*.db", "*.sqlite", "*.sqlite3", "*.db3"];
const NOT_DATA = /(^|\/)(ehthumbs|thumbs)\.db$/i;

const WHY_TRACKED =
  "A database file tracked in git travels with every clone and push, and a checkout or pull silently replaces the live file with the committed copy.";
const WHY_HISTORY =
  "A database file is still in this repository's history: every clone carries that copy of the data, and restoring it would bring deleted videos back.";

/** The top of the repository the folder is in (where its .git is), or null outside one. */
function repositoryRoot(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, ".git"))) return d;
    if (path.dirname(d) === d) return null;
  }
}

async function git(dir: string, root: string, args: string[]): Promise<string> {
  // No fsmonitor hook, no pager, no prompts: a read of the object store and nothing else. The
  // owner's code folder is often owned by another user than the one scanning (a NAS share, a
  // checkout made by the service account); git then refuses it as "dubious ownership" and the
  // history would go unread. Trusting this one repository is safe for these reads: the config
  // hooks they could run (fsmonitor, pager) are switched off above.
  const safe = ["-c", `safe.directory=${realpathSync(root)}`];
  const { stdout } = await run("git", [...safe, "-c", "core.quotePath=false", "-c", "core.fsmonitor=false", ...args], {
    cwd: dir,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", GIT_PAGER: "cat" },
  });
  return stdout;
}

/**
 * Database files the folder's git repository holds, tracked now or added in any commit of any
 * ref (`git log --all`), limited to paths inside the folder. One hit per path, line 0, with the
 * newest commit that added it.
 */
export async function gitDatabaseHits(dir: string): Promise<{ check: GitCheck; hits: Hit[] }> {
  const root = repositoryRoot(dir);
  if (root === null) return { check: { state: "not-a-repository" }, hits: [] };
  let tracked: string[];
  let log: string;
  try {
    tracked = (await git(dir, root, ["ls-files", "-z", "--", ...DB_PATHSPECS])).split("\0").filter(Boolean);
    log = await git(dir, root, [
      "log",
      "--all",
      "--no-renames",
      "--diff-filter=A",
      "--name-only",
      "--relative",
      "--format=%x00%H",
      "-z",
      "--",
      ...DB_PATHSPECS,
    ]);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    const detail = e.code === "ENOENT" ? "git is not installed" : (e.stderr || e.message).trim().split("\n")[0]!;
    return { check: { state: "failed", detail }, hits: [] };
  }
  const addedIn = new Map<string, string>();
  let commit = "";
  for (const token of log.split("\0")) {
    const value = token.replace(/^\n/, "");
    if (/^[0-9a-f]{40,64}$/.test(value)) commit = value;
    else if (value && !addedIn.has(value)) addedIn.set(value, commit);
  }
  const paths = [...new Set([...tracked, ...addedIn.keys()])].filter((p) => !NOT_DATA.test(p)).sort();
  const trackedSet = new Set(tracked);
  const hits: Hit[] = paths.map((file) => {
    const added = addedIn.get(file);
    const short = added ? added.slice(0, 7) : undefined;
    const isTracked = trackedSet.has(file);
    return {
      line: 0,
      kind: "db_in_git",
      rule: isTracked ? "git.tracked" : "git.history",
      why: isTracked ? WHY_TRACKED : WHY_HISTORY,
      snippet: isTracked
        ? `${file} is tracked in git${short ? ` (added in ${short})` : " (staged, not committed yet)"}`
        : `${file} is in git history (added in ${short}, no longer tracked)`,
      file,
      commit: added,
    };
  });
  return { check: { state: "repository", databaseFiles: paths.length }, hits };
}
