import { describe, expect, it } from "vitest";
import { findingsIn, found, src } from "../testing/scan-text";

describe("sync_env: environment variables that switch a sync on", () => {
  it("finds a sync switch set on in env files, compose, Dockerfiles, units, JSON and TOML", () => {
    expect(
      found(".env", src("SYNC_SECRET=abc", "export AUTO_SYNC=yes", "SQLITE_SYNC_ENABLED=false", "DUAL_SYNC=true")),
    ).toEqual([
      [1, "sync_env"],
      [2, "sync_env"],
    ]);
    expect(
      found(
        "compose.yaml",
        src(
          "services:",
          "  nas:",
          "    environment:",
          '      SQLITE_SYNC_ENABLED: "true"',
          "      SYNC_SECRET: ${SYNC_SECRET}",
        ),
      ),
    ).toEqual([
      [4, "sync_env"],
      [5, "sync_env"],
    ]);
    expect(found("Dockerfile", src("ENV SQLITE_SYNC_ENABLED true", 'ENV SYNC_SECRET=""'))).toEqual([[1, "sync_env"]]);
    expect(found("nas.service", src("[Service]", "Environment=NAS_SYNC_INTERVAL=900"))).toEqual([[2, "sync_env"]]);
    expect(
      found("config/runtime.json", src("{", '  "SQLITE_SYNC_ENABLED": true,', '  "SYNC_SECRET": ""', "}")),
    ).toEqual([[2, "sync_env"]]);
    expect(found("settings.toml", src("SQLITE_SYNC_ENABLED = 0", "ENABLE_DB_UPLOAD = 1"))).toEqual([[2, "sync_env"]]);
  });

  it("reads Render's key/value pairs: a value of false is off, a secret set in the dashboard is on", () => {
    const text = src(
      "envVars:",
      "  - key: SQLITE_SYNC_ENABLED",
      '    value: "false"',
      "  - key: SYNC_SECRET",
      "    sync: false",
    );
    expect(found("render.yaml", text)).toEqual([[4, "sync_env"]]);
  });

  it("finds programs reading a switch from the environment, not messages that name it", () => {
    const py = src(
      'SYNC_SECRET = os.getenv("SYNC_SECRET", "")',
      "enabled = os.environ['SQLITE_SYNC_ENABLED'] == 'true'",
      'logger.error("SYNC_SECRET is not set")',
      'dual = os.getenv("DUAL_SYNC")',
    );
    expect(found("config.py", py)).toEqual([
      [1, "sync_env"],
      [2, "sync_env"],
    ]);
    expect(found("server.js", src("const secret = process.env.SYNC_SECRET;"))).toEqual([[1, "sync_env"]]);
    expect(found("run.sh", src('if [ "$SQLITE_SYNC_ENABLED" = "true" ]; then echo on; fi'))).toEqual([[1, "sync_env"]]);
  });

  it("never shows a secret's value in a snippet, but keeps references", () => {
    const [literal, reference] = findingsIn(
      ".env",
      src("SYNC_SECRET=s3cr3t-value-123", "SYNC_SECRET=${VAULT_SYNC_SECRET}"),
    );
    expect(literal!.snippet).toBe("SYNC_SECRET=***");
    expect(reference!.snippet).toBe("SYNC_SECRET=${VAULT_SYNC_SECRET}");
  });
});
