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
