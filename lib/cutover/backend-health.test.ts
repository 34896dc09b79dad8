import { afterEach, describe, expect, it } from "vitest";
import { startHealthServer, type HealthServer } from "@/test/support/health-server";
import { healthShortfall, healthUrl, parseBackendHealth, verifyDashboardBackend } from "./backend-health";

const postgres = (record_count: number) => ({
  body: { backend: "postgres", read_from_postgres: true, dsn_set: true, record_count },
});
const sqlite = { body: { backend: "sqlite", read_from_postgres: false, dsn_set: true, record_count: 81 } };

const servers: HealthServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
async function serve(...answers: Parameters<typeof startHealthServer>[0]) {
  const server = await startHealthServer(answers);
  servers.push(server);
  return server;
}
// generous per request: a loaded machine may take a while to connect, which would count as a try
const fast = { intervalMs: 20, requestTimeoutMs: 5_000 };

describe("verifyDashboardBackend (the flip's proof through /health/backend)", () => {
  it("waits through the owner's restart until the Dashboard reads PostgreSQL with the target's count", async () => {
    const server = await serve(sqlite, { status: 503, body: "restarting" }, postgres(760));
    const result = await verifyDashboardBackend({ dashboardUrl: server.url, expectedCount: 760, ...fast });
    expect(result).toMatchObject({
      url: `${server.url}/health/backend`,
      expectedCount: 760,
      health: { backend: "postgres", read_from_postgres: true, record_count: 760 },
    });
    // each answer asked for once: SQLite, restarting, PostgreSQL
    expect(result.attempts).toBe(server.requests);
    expect(server.answers).toEqual([postgres(760)]);
  });

  it("refuses on timeout with what it last saw: a count that differs from the target's", async () => {
    const server = await serve(postgres(759));
    await expect(
      verifyDashboardBackend({ dashboardUrl: server.url, expectedCount: 760, timeoutMs: 150, ...fast }),
    ).rejects.toThrow(
      /^The flip is not verified: after \d+ s and \d+ tries at .*\/health\/backend, the Dashboard counts 759 records, the target lists 760\.$/,
    );
  });

  it("refuses while the Dashboard still reads SQLite", async () => {
    const server = await serve(sqlite);
    await expect(
      verifyDashboardBackend({ dashboardUrl: server.url, expectedCount: 81, timeoutMs: 100, ...fast }),
    ).rejects.toThrow(/the Dashboard still reads sqlite \(read_from_postgres false\)\.$/);
  });

  it("names an unreachable Dashboard, a reply that is not the health JSON, and one that never comes", async () => {
    const closed = await serve(postgres(1));
    const url = closed.url;
    await closed.close();
    servers.length = 0;
    await expect(
      verifyDashboardBackend({ dashboardUrl: url, expectedCount: 1, timeoutMs: 100, ...fast }),
    ).rejects.toThrow(/the Dashboard is unreachable \(ECONNREFUSED\)\.$/);
    const html = await serve({ body: "<html>Dashboard</html>" });
    await expect(
      verifyDashboardBackend({ dashboardUrl: html.url, expectedCount: 1, timeoutMs: 100, ...fast }),
    ).rejects.toThrow(/the Dashboard's answer is not the \/health\/backend JSON\.$/);
    const hang = await serve("hang");
    await expect(
      verifyDashboardBackend({
        dashboardUrl: hang.url,
        expectedCount: 1,
        timeoutMs: 300,
        ...fast,
        requestTimeoutMs: 200,
      }),
    ).rejects.toThrow(/the Dashboard did not answer within 0\.2 s\.$/);
  });

  it("stops polling when cancelled", async () => {
    const server = await serve(sqlite);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    await expect(
      verifyDashboardBackend({ dashboardUrl: server.url, expectedCount: 1, signal: controller.signal, ...fast }),
    ).rejects.toThrow("Verification of the flip cancelled.");
  });
});

describe("the health answer", () => {
  it("is read only when it has the contract's fields", () => {
    expect(
      parseBackendHealth({ backend: "postgres", read_from_postgres: true, dsn_set: true, record_count: 3 }),
    ).toEqual({ backend: "postgres", read_from_postgres: true, dsn_set: true, record_count: 3 });
    expect(parseBackendHealth({ backend: "postgres", read_from_postgres: "yes", record_count: 3 })).toBeUndefined();
    expect(parseBackendHealth({ backend: "postgres", read_from_postgres: true, record_count: 2.5 })).toBeUndefined();
    expect(parseBackendHealth(null)).toBeUndefined();
  });

  it("proves the flip only with PostgreSQL, its DSN and the same count", () => {
    const ok = { backend: "PostgreSQL", read_from_postgres: true, dsn_set: true, record_count: 5 };
    expect(healthShortfall(ok, 5)).toBeUndefined();
    expect(healthShortfall({ ...ok, dsn_set: false }, 5)).toBe("the Dashboard reports no PostgreSQL DSN set");
    expect(healthShortfall({ ...ok, read_from_postgres: false }, 5)).toMatch(/still reads PostgreSQL/);
  });

  it("is asked at the Dashboard's origin, and a URL with a password is refused", () => {
    expect(healthUrl("https://ytv2.onrender.com/")).toBe("https://ytv2.onrender.com/health/backend");
    expect(() => healthUrl("https://me:secret@ytv2.onrender.com")).toThrow(/must not hold a user name or password/);
  });
});
