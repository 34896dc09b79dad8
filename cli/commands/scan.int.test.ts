import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseEnv } from "../../lib/config/env";
import { OwnerFacingError } from "../../lib/workflow/types";
import { makeTempDir } from "../../test/support/temp-dir";
import { scanCommand } from "./scan";

const temp = makeTempDir("cutover-cli-scan-");
const corpus = { nas: path.join(temp.dir, "nas"), dashboard: path.join(temp.dir, "dashboard") };
const clean = path.join(temp.dir, "clean");
const ctxWith = (env: Record<string, string> = {}) => ({ env: parseEnv(env, temp.dir) });

/** What the last run printed on stdout, also when it was refused. */
let stdout = "";

/** Runs the command with stdout captured (stderr, where progress goes, silenced). */
async function run(env: Record<string, string>, dirs: string[], json = false) {
  stdout = "";
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await scanCommand(ctxWith(env), { dirs, json });
  } finally {
    write.mockRestore();
    vi.restoreAllMocks();
  }
  const exitCode = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { stdout, exitCode };
}

beforeAll(() => {
  cpSync(path.join(process.cwd(), "test/fixtures/scan-corpus"), temp.dir, { recursive: true });
  mkdirSync(clean);
  writeFileSync(path.join(clean, "app.py"), 'print("hello")\n');
});
afterEach(() => {
  process.exitCode = undefined;
});
afterAll(() => temp.cleanup());

describe("cutover scan", () => {
  it("reads NAS_CODE_DIR and DASHBOARD_CODE_DIR, resolved against the working directory", () => {
    expect(ctxWith({ NAS_CODE_DIR: "nas", DASHBOARD_CODE_DIR: "/srv/dash" }).env.codeDirs).toEqual({
      nas: corpus.nas,
      dashboard: "/srv/dash",
    });
  });

  it("refuses in one line when no folder is configured or named, and prints nothing", async () => {
    await expect(run({}, [])).rejects.toThrow(OwnerFacingError);
    await expect(run({}, [])).rejects.toThrow(/^No code folder to scan: set NAS_CODE_DIR and DASHBOARD_CODE_DIR/);
    expect(stdout).toBe("");
  });

  it("refuses a missing folder and a file given as a folder, naming it", async () => {
    await expect(run({}, ["missing"])).rejects.toThrow(
      `The code folder does not exist: ${path.join(process.cwd(), "missing")}`,
    );
    await expect(run({ NAS_CODE_DIR: path.join(temp.dir, "gone") }, [])).rejects.toThrow(
      `The NAS code folder does not exist: ${path.join(temp.dir, "gone")}`,
    );
    const file = path.join(clean, "app.py");
    await expect(run({}, [file])).rejects.toThrow(`The code folder is not a folder: ${file}`);
    expect(stdout).toBe("");
  });

  it("prints the findings grouped by folder and kind, each as file:line  kind  snippet with its why, and exits 1", async () => {
    const { stdout, exitCode } = await run({ NAS_CODE_DIR: corpus.nas, DASHBOARD_CODE_DIR: corpus.dashboard }, []);
    expect(exitCode).toBe(1);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`NAS (${corpus.nas}): 22 files read, 39 findings; not a git repository`);
    const cron = lines.indexOf(
      "    crontab:4  scheduled_job  */30 * * * * cd /app && python3 sync_sqlite_db.py >> logs/sync.log 2>&1",
    );
    expect(cron).toBeGreaterThan(0);
    expect(lines[cron + 1]).toMatch(/^ {6}Starts sync code on a schedule/);
    expect(lines.indexOf("  scheduled_job: Scheduled job or container that starts a sync")).toBeLessThan(cron);
    expect(lines).toContain("    nas_sync.py  sync_script  nas_sync.py");
    expect(lines).toContain("    scripts/push_db.sh:10  db_transfer  curl -fsS -X POST \\ …");
    expect(lines.findIndex((line) => line.startsWith("Dashboard ("))).toBeGreaterThan(cron);
    expect(lines.at(-1)).toBe(
      "Sync-code scan: 62 findings in 2 folders; the cutover's gate needs each one fixed or acknowledged.",
    );
    expect(stdout).not.toContain("change-me-to-a-long-random-string");
  });

  it("--json prints {ok, folders, findings} and nothing else", async () => {
    const { stdout, exitCode } = await run({ NAS_CODE_DIR: corpus.nas }, [corpus.dashboard], true);
    expect(exitCode).toBe(1);
    const parsed = JSON.parse(stdout) as { ok: boolean; folders: Array<{ label: string }>; findings: unknown[] };
    expect(Object.keys(parsed)).toEqual(["ok", "folders", "findings"]);
    expect(parsed.ok).toBe(false);
    expect(parsed.folders.map((f) => f.label)).toEqual([corpus.dashboard]);
    expect(parsed.findings).toHaveLength(23);
    expect(parsed.findings[0]).toEqual({
      folder: corpus.dashboard,
      file: ".github/workflows/nightly-db-pull.yml",
      line: 17,
      kind: "scheduled_job",
      snippet: "run: python pull_nas_db.py",
      why: expect.stringMatching(/^Starts sync code/),
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      rule: "invoke.script",
    });
  });

  it("labels a named folder that is a configured one by its name, so fingerprints match the panel's", async () => {
    const { stdout } = await run({ NAS_CODE_DIR: corpus.nas }, [corpus.nas], true);
    const parsed = JSON.parse(stdout) as { folders: Array<{ label: string }>; findings: Array<{ folder: string }> };
    expect(parsed.folders.map((f) => f.label)).toEqual(["NAS"]);
    expect(new Set(parsed.findings.map((f) => f.folder))).toEqual(new Set(["NAS"]));
  });

  it("exits 0 with one line when a folder holds no sync code", async () => {
    const text = await run({}, [clean]);
    expect(text.exitCode).toBe(0);
    expect(text.stdout.trimEnd().split("\n")).toEqual([
      `${clean} (${clean}): 1 file read, 0 findings; not a git repository`,
      "Sync-code scan: no sync code found in 1 folder.",
    ]);
    const json = await run({}, [clean], true);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, findings: [] });
  });

  it("does not call an incomplete scan clean: git that cannot read the repository fails the command", async () => {
    const broken = path.join(temp.dir, "broken");
    mkdirSync(broken);
    writeFileSync(path.join(broken, ".git"), "gitdir: /nonexistent/worktree\n");
    const { stdout, exitCode } = await run({}, [broken]);
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/git history NOT checked: /);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe(
      "Sync-code scan: no sync code in what was read, but the scan of 1 folder is incomplete (see above).",
    );
  });
});
