import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir } from "../test/support/temp-dir";
import { runCli } from "../test/support/cli";

/** What the owner types, through the real `cutover` entry point, on a data dir of its own. */
const temp = makeTempDir("cutover-strict-args-");
afterAll(() => temp.cleanup());

const cli = (dataDir: string, ...args: string[]) =>
  runCli({ env: { CUTOVER_DATA_DIR: dataDir, NAS_DB: "", DASHBOARD_DB: "", DATABASE_URL: "" } }, ...args);

/** Every file of the data dir with its content hash: equal before and after means nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = createHash("sha256").update(readFileSync(full)).digest("hex");
  }
  return out;
}

const REFUSED: string[][] = [
  ["schema", "--dryrun"],
  ["frobnicate"],
  ["approve", "backup", "--note", "--confirm", "x"],
  ["approve", "backup", "--note"],
  ["status", "--json=yes"],
  ["backup", "--processing-stopped", "now"],
  ["approve", "everything"],
  ["copy", "--force"],
  ["dual-write", "maybe"],
];

describe("strict command line", () => {
  it("a refused command line exits 2 with one line and does not even create the data dir", () => {
    const dataDir = path.join(temp.dir, "never-created");
    for (const argv of REFUSED) {
      const result = cli(dataDir, ...argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^cutover: [^\n]+\n$/);
    }
    expect(cli(dataDir, "schema", "--dryrun").stderr).toBe(
      "cutover: schema: unknown option --dryrun (see: cutover help)\n",
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it("leaves an existing control DB and its audit log byte for byte as they were, and starts no PostgreSQL", () => {
    const dataDir = path.join(temp.dir, "existing");
    // A refused approval writes one audit entry: the log is not empty before the typos.
    expect(cli(dataDir, "approve", "schema").code).toBe(1);
    expect(existsSync(path.join(dataDir, "control.db"))).toBe(true);
    const before = snapshot(dataDir);

    for (const argv of REFUSED) expect(cli(dataDir, ...argv).code, argv.join(" ")).toBe(2);

    expect(snapshot(dataDir)).toEqual(before);
    expect(existsSync(path.join(dataDir, "postgres"))).toBe(false);
  });

  it("prints the help for `help`, `--help` and `<command> --help`, exit 0", () => {
    for (const argv of [["help"], ["--help"], ["schema", "--help"]]) {
      const result = cli(path.join(temp.dir, "help"), ...argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("schema [--dry-run]");
    }
    expect(existsSync(path.join(temp.dir, "help"))).toBe(false);
  });

  it("a later step's command is checked like the others, then refused by the step order, exit 1", () => {
    const dataDir = path.join(temp.dir, "later");
    expect(cli(dataDir, "archive", "now")).toMatchObject({ code: 2 });
    const later = cli(dataDir, "archive");
    expect(later.code).toBe(1);
    expect(later.stderr).toMatch(/cutover: Refused: step "Archive" is locked until step 1 "Backup" is approved\.\n$/);
  });
});
