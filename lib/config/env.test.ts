import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the embedded mode with the demo pair", () => {
    const env = parseEnv({}, "/srv/app");
    expect(env.databaseUrl).toBeUndefined();
    expect(env.sources).toBeUndefined();
    expect(env.dataDir).toBe("/srv/app/data");
    expect(env.expectedCategorized).toBe(67);
    expect(env.host).toBe("127.0.0.1");
    expect(env.port).toBe(3000);
  });

  it("resolves source paths against the working directory", () => {
    const env = parseEnv({ NAS_DB: "nas.db", DASHBOARD_DB: "/x/dash.db" }, "/srv/app");
    expect(env.sources).toEqual({ nas: "/srv/app/nas.db", dashboard: "/x/dash.db" });
  });

  it("refuses one source without the other", () => {
    expect(() => parseEnv({ NAS_DB: "nas.db" })).toThrow(ConfigError);
  });

  it("refuses a DATABASE_URL that is not a postgres URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/postgres/);
  });

  it("refuses a non-numeric expected count", () => {
    expect(() => parseEnv({ EXPECTED_CATEGORIZED: "sixty" })).toThrow(/EXPECTED_CATEGORIZED/);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).databaseUrl).toBeUndefined();
  });
});

describe("parseEnv: values refused in one line", () => {
  const refusal = (source: Record<string, string>) => {
    try {
      parseEnv(source, "/srv/app");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain("\n");
      return (error as Error).message;
    }
    throw new Error("accepted");
  };

  it("a DATABASE_URL with a port that is no port, never showing the password", () => {
    for (const port of ["99999", "0", "54x2", "-1"]) {
      const message = refusal({ DATABASE_URL: `postgresql://ytv2:s3cret@db.example.com:${port}/ytv2` });
      expect(message).toMatch(
        new RegExp(`^Configuration error: DATABASE_URL has an invalid port "${port}": use a number from 1 to 65535`),
      );
      expect(message).not.toContain("s3cret");
    }
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@[::1]:5432/db" }).databaseUrl).toContain("[::1]");
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db.example.com/db" }).databaseUrl).toBeDefined();
  });

  it("a DATABASE_URL that does not parse, or with an unknown sslmode", () => {
    expect(refusal({ DATABASE_URL: "postgresql://ytv2:pw@[db/x" })).toMatch(/does not parse as a URL/);
    // A '#' in the password ends the authority early: what is left reads as a port.
    expect(refusal({ DATABASE_URL: "postgresql://ytv2:pa#ss@db/x" })).toMatch(/invalid port "pa".*percent-encoded/);
    expect(refusal({ DATABASE_URL: "postgresql://u:p@db/x?sslmode=required" })).toBe(
      'Configuration error: DATABASE_URL has an unknown sslmode "required": use disable, require, verify-ca or verify-full',
    );
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db/x?sslmode=require" }).databaseUrl).toBeDefined();
  });

  it("a PANEL_PASSWORD under 12 characters, without echoing it", () => {
    const message = refusal({ PANEL_PASSWORD: "hunter2hunt" });
    expect(message).toBe(
      "Configuration error: PANEL_PASSWORD must be at least 12 characters long; choose a longer one",
    );
    expect(message).not.toContain("hunter2");
    expect(parseEnv({ PANEL_PASSWORD: "hunter2hunter" }).panelPassword).toBe("hunter2hunter");
  });

  it("a non-loopback HOST unless a password is set and ALLOW_REMOTE_PANEL=1", () => {
    const remote = /^Configuration error: HOST is not a loopback address/;
    expect(refusal({ HOST: "0.0.0.0" })).toMatch(remote);
    expect(refusal({ HOST: "192.168.1.20", PANEL_PASSWORD: "a long passphrase" })).toMatch(remote);
    expect(refusal({ HOST: "0.0.0.0", ALLOW_REMOTE_PANEL: "1" })).toMatch(remote);
    expect(refusal({ ALLOW_REMOTE_PANEL: "yes" })).toMatch(/ALLOW_REMOTE_PANEL must be 1 or 0/);
    const env = parseEnv({ HOST: "0.0.0.0", PANEL_PASSWORD: "a long passphrase", ALLOW_REMOTE_PANEL: "1" });
    expect(env).toMatchObject({ host: "0.0.0.0", allowRemotePanel: true });
    for (const host of ["127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"]) {
      expect(parseEnv({ HOST: host }).host).toBe(host);
    }
  });
});
