import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/support/temp-dir";
import type { Progress } from "@/lib/workflow/types";
import { scanCodeFolders } from "./scan-code-folders";
import { NEGATIVE_FILES, NEGATIVE_LINES, PLANTED } from "./testing/corpus-expected";
import type { ScanReport } from "./types";

const CORPUS = path.join(process.cwd(), "test/fixtures/scan-corpus");
const temp = makeTempDir("cutover-scan-corpus-");
const dirs = { NAS: path.join(temp.dir, "nas"), Dashboard: path.join(temp.dir, "dashboard") };
const progress: Progress[] = [];
let report: ScanReport;

const lineOf = (folder: keyof typeof dirs, file: string, needle: string) => {
  const lines = readFileSync(path.join(dirs[folder], file), "utf8").split("\n");
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${file} no longer holds ${needle}`);
  return index + 1;
};

/** Sync code where the scan must not look: installed packages, virtualenvs, binaries, big files, links out. */
function plantOutOfBounds() {
  const sync = "scp data/ytv2_content.db dash:/app/data/ytv2_content.db\n";
  const outside = path.join(temp.dir, "outside");
  mkdirSync(outside);
  writeFileSync(
    path.join(outside, "nas_sync.py"),
    'import subprocess\nsubprocess.run(["python", "sync_sqlite_db.py"])\n',
  );
  for (const [file, text] of [
    ["node_modules/deploy-kit/push_db.sh", sync],
    [".venv/lib/python3.11/site-packages/ytv2/nas_sync.py", 'subprocess.run(["python", "sync_sqlite_db.py"])\n'],
    ["env311/pyvenv.cfg", "home = /usr/bin\n"],
    ["env311/bin/sync.sh", sync],
    ["data/ytv2_content.db", "SQLite format 3\0scp data/ytv2_content.db dash:/\n"],
    ["assets/blob.txt", `${sync}\0\0\0`],
    ["logs/sync.log", sync.repeat(Math.ceil((2 * 1024 * 1024) / sync.length) + 1)],
  ]) {
    mkdirSync(path.dirname(path.join(dirs.NAS, file!)), { recursive: true });
    writeFileSync(path.join(dirs.NAS, file!), text!);
  }
  symlinkSync(outside, path.join(dirs.NAS, "linked"));
  symlinkSync(path.join(outside, "nas_sync.py"), path.join(dirs.NAS, "outside_sync.py"));
}

beforeAll(async () => {
  cpSync(CORPUS, temp.dir, { recursive: true });
  plantOutOfBounds();
  report = await scanCodeFolders(
    [
      { label: "NAS", dir: dirs.NAS },
      { label: "Dashboard", dir: dirs.Dashboard },
    ],
    { onProgress: (p) => progress.push(p) },
  );
});
afterAll(() => temp.cleanup());

describe("the sync-code scan on the corpus", () => {
  it("reports every planted finding exactly (folder, file, line, kind) and nothing else", () => {
    for (const [folder, file, line, , needle] of PLANTED)
      if (line > 0) expect(lineOf(folder, file, needle), `${file}: ${needle}`).toBe(line);
    expect(report.findings.map((f) => [f.folder, f.file, f.line, f.kind])).toEqual(
      PLANTED.map(([folder, file, line, kind]) => [folder, file, line, kind]),
    );
  });

  it("covers every kind of contract §5 but the git one, which has its own test", () => {
    expect(new Set(report.findings.map((f) => f.kind))).toEqual(
      new Set([
        "dead_code",
        "runbook",
        "scheduled_job",
        "db_overwrite",
        "db_transfer",
        "bulk_row_sync",
        "sync_invocation",
        "sync_env",
        "sync_script",
      ]),
    );
  });

  it("finds nothing in the negatives: ignore files, other uploads and subprocesses, local reads, removal notes, look-alike names", () => {
    for (const [folder, file] of NEGATIVE_FILES)
      expect(
        report.findings.filter((f) => f.folder === folder && f.file === file),
        file,
      ).toEqual([]);
    for (const [folder, file, needle] of NEGATIVE_LINES) {
      const line = lineOf(folder, file, needle);
      expect(
        report.findings.filter((f) => f.folder === folder && f.file === file && f.line === line),
        `${file}:${line}`,
      ).toEqual([]);
    }
  });

  it("does not look into node_modules, virtualenvs, binaries, files over the size limit or links out of the folder", () => {
    const nas = report.folders[0]!;
    expect(
      report.findings.some((f) => /node_modules|\.venv|env311|blob|sync\.log|linked|outside_sync/.test(f.file)),
    ).toBe(false);
    expect(nas.skipped).toEqual({ ignoredDirs: 3, binary: 2, tooLarge: 1, symlinks: 2 });
    expect(nas.unreadable).toEqual([]);
  });

  it("summarizes each folder truthfully: files read, findings, no git repository, complete", () => {
    expect(report.folders.map((f) => [f.label, f.files, f.findings, f.git.state])).toEqual([
      ["NAS", 22, PLANTED.filter((p) => p[0] === "NAS").length, "not-a-repository"],
      ["Dashboard", 18, PLANTED.filter((p) => p[0] === "Dashboard").length, "not-a-repository"],
    ]);
    expect(report.complete).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: "scan Dashboard", done: 18, total: 18, unit: "files" });
  });

  it("gives each finding a why, a trimmed snippet without secrets, and a unique fingerprint", () => {
    for (const f of report.findings) {
      expect(f.why).toMatch(/^\S.{20,}\.$/);
      expect(f.snippet).toBe(f.snippet.trim());
      expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(report.findings.length);
    expect(report.findings.find((f) => f.file === ".env.example")!.snippet).toBe("SYNC_SECRET=***");
    expect(JSON.stringify(report)).not.toContain("change-me-to-a-long-random-string");
  });
});

describe("scanCodeFolders refusals", () => {
  it("refuses in one owner-facing line before reading anything: missing folder, a file, no folder, the same label twice", async () => {
    await expect(scanCodeFolders([{ label: "NAS", dir: path.join(temp.dir, "missing") }])).rejects.toThrow(
      `The NAS code folder does not exist: ${path.join(temp.dir, "missing")}`,
    );
    const file = path.join(dirs.NAS, "crontab");
    await expect(scanCodeFolders([{ label: file, dir: file }])).rejects.toThrow(
      `The code folder is not a folder: ${file}`,
    );
    await expect(scanCodeFolders([])).rejects.toThrow(/No code folder to scan/);
    await expect(
      scanCodeFolders([
        { label: "NAS", dir: dirs.NAS },
        { label: "NAS", dir: dirs.Dashboard },
      ]),
    ).rejects.toThrow(/given twice/);
  });
});
