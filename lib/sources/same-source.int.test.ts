import { spawnSync } from "node:child_process";
import { existsSync, linkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/support/temp-dir";

/** The panel's launcher reads the configuration first: one file given as both sources stops it in one line. */
const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

describe("npm start with one file as both sources", () => {
  it("refuses in one line, through a hard link, before creating anything", () => {
    const temp = makeTempDir("cutover-same-start-");
    temps.push(temp);
    const nas = path.join(temp.dir, "ytv2.db");
    writeFileSync(nas, "SQLite format 3\0");
    const dashboard = path.join(temp.dir, "dashboard.db");
    linkSync(nas, dashboard);
    const dataDir = path.join(temp.dir, "data");
    const started = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/start.ts", "--no-build"],
      {
        env: { ...process.env, CUTOVER_DATA_DIR: dataDir, NAS_DB: nas, DASHBOARD_DB: dashboard, PORT: "3999" },
        encoding: "utf8",
      },
    );
    expect(started.status).toBe(1);
    expect(`${started.stdout}${started.stderr}`.trim().split("\n")).toEqual([
      `[cutover] Configuration error: NAS_DB and DASHBOARD_DB name the same file (${nas} and ${dashboard} are hard links to one file); each must name its own source`,
    ]);
    expect(existsSync(dataDir)).toBe(false);
  });
});
