import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/config/env";
import { isLoopbackHost, shownUrl, sourceSettingsProblem } from "./source-setting";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cutover-setting-"));
  dirs.push(dir);
  return dir;
}

const refusal = (env: Record<string, string>) => {
  try {
    parseEnv(env, "/srv/app");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("source settings", () => {
  it("keeps a URL as given and resolves a path, with the token apart", () => {
    const env = parseEnv(
      {
        NAS_DB: "nas.db",
        DASHBOARD_DB: "https://dash.example.com/api/download-database",
        DASHBOARD_DB_TOKEN: "s3cret",
      },
      "/srv/app",
    );
    expect(env.sources).toEqual({
      nas: "/srv/app/nas.db",
      dashboard: "https://dash.example.com/api/download-database",
    });
    expect(env.sourceTokens).toEqual({ nas: undefined, dashboard: "s3cret" });
  });

  it("accepts plain http only on loopback", () => {
    expect(() =>
      parseEnv({ NAS_DB: "/a.db", DASHBOARD_DB: "http://127.0.0.1:8123/api/download-database" }),
    ).not.toThrow();
    expect(() => parseEnv({ NAS_DB: "/a.db", DASHBOARD_DB: "http://localhost/api/download-database" })).not.toThrow();
    expect(refusal({ NAS_DB: "/a.db", DASHBOARD_DB: "http://dash.example.com/api/download-database?x=1" })).toBe(
      "Configuration error: DASHBOARD_DB must use https:// (plain http:// is allowed only for 127.0.0.1 or localhost): http://dash.example.com/api/download-database",
    );
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("127.0.0.1.example.com")).toBe(false);
  });

  it("refuses a URL with a password in it, without showing the password", () => {
    const message = refusal({
      NAS_DB: "/a.db",
      DASHBOARD_DB: "https://owner:hunter2@dash.example.com/api/download-database",
    });
    expect(message).toBe(
      "Configuration error: DASHBOARD_DB has credentials in its URL (https://dash.example.com/api/download-database); remove them and put the token in DASHBOARD_DB_TOKEN",
    );
    expect(message).not.toContain("hunter2");
  });

  it("refuses other schemes and a token without a URL", () => {
    expect(refusal({ NAS_DB: "ftp://nas.local/ytv2.db", DASHBOARD_DB: "/d.db" })).toBe(
      "Configuration error: NAS_DB must be a file path or an https:// URL, not ftp://…",
    );
    expect(refusal({ NAS_DB: "/n.db", DASHBOARD_DB: "/d.db", DASHBOARD_DB_TOKEN: "t" })).toBe(
      "Configuration error: DASHBOARD_DB_TOKEN is set but DASHBOARD_DB is a file path; the token is only sent to a URL",
    );
    expect(refusal({ NAS_DB_TOKEN: "t" })).toBe("Configuration error: NAS_DB_TOKEN is set but NAS_DB is not");
  });

  it("shows a URL without its query string or credentials", () => {
    expect(shownUrl("https://u:p@dash.example.com:8443/api/download-database?token=abc#x")).toBe(
      "https://dash.example.com:8443/api/download-database",
    );
  });
});

describe("the same file given as both sources", () => {
  it("is refused by path, through a symlink, through a hard link, and as one URL", () => {
    const dir = tempDir();
    const file = path.join(dir, "ytv2.db");
    writeFileSync(file, "x");
    mkdirSync(path.join(dir, "other"));
    const symlink = path.join(dir, "other", "dashboard.db");
    symlinkSync(file, symlink);
    const hardLink = path.join(dir, "other", "hard.db");
    linkSync(file, hardLink);

    expect(refusal({ NAS_DB: file, DASHBOARD_DB: path.join(dir, "other", "..", "ytv2.db") })).toBe(
      `Configuration error: NAS_DB and DASHBOARD_DB name the same file (${file}); each must name its own source`,
    );
    expect(refusal({ NAS_DB: file, DASHBOARD_DB: symlink })).toBe(
      `Configuration error: NAS_DB and DASHBOARD_DB name the same file (${file} and ${symlink} are both ${file}); each must name its own source`,
    );
    expect(refusal({ NAS_DB: file, DASHBOARD_DB: hardLink })).toBe(
      `Configuration error: NAS_DB and DASHBOARD_DB name the same file (${file} and ${hardLink} are hard links to one file); each must name its own source`,
    );
    expect(
      refusal({
        NAS_DB: "https://dash.example.com/api/download-database?a=1",
        DASHBOARD_DB: "https://dash.example.com/api/download-database",
      }),
    ).toMatch(/name the same URL \(https:\/\/dash\.example\.com\/api\/download-database\)/);
  });

  it("accepts two different files, and leaves a missing file to the step that reads it", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.db"), "a");
    writeFileSync(path.join(dir, "b.db"), "b");
    expect(
      sourceSettingsProblem({
        sources: { nas: path.join(dir, "a.db"), dashboard: path.join(dir, "b.db") },
        tokens: {},
      }),
    ).toBeUndefined();
    expect(
      sourceSettingsProblem({
        sources: { nas: path.join(dir, "a.db"), dashboard: path.join(dir, "gone.db") },
        tokens: {},
      }),
    ).toBeUndefined();
  });
});
