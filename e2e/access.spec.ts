import http from "node:http";
import { expect, request, test } from "@playwright/test";
import { runCli } from "./support/cli";
import { readPanelState, screenshotPath } from "./support/state";

/** No cookies at all (request.newContext would otherwise inherit the owner's storage state). */
const noSession = { storageState: { cookies: [], origins: [] } };

test.describe("without a session", () => {
  test("pages redirect to the login page", async () => {
    const anonymous = await request.newContext({ ...noSession, baseURL: readPanelState().baseUrl });
    for (const path of ["/", "/steps/backup", "/audit"]) {
      const response = await anonymous.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(307);
      expect(response.headers().location, path).toMatch(/\/login$/);
    }
    await anonymous.dispose();
  });

  test("route handlers answer 401", async () => {
    const anonymous = await request.newContext({ ...noSession, baseURL: readPanelState().baseUrl });
    const response = await anonymous.get("/api/status");
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: "Not signed in" });
    await anonymous.dispose();
  });

  test("server actions answer 401 before any action runs", async () => {
    const anonymous = await request.newContext({ ...noSession, baseURL: readPanelState().baseUrl });
    const response = await anonymous.post("/steps/copy", {
      headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
    });
    expect(response.status()).toBe(401);
    await anonymous.dispose();
  });

  test("a forged session cookie is not accepted", async () => {
    const anonymous = await request.newContext({
      ...noSession,
      baseURL: readPanelState().baseUrl,
      extraHTTPHeaders: { cookie: `cutover_session=abc.${Date.now() + 100000}.forged` },
    });
    expect((await anonymous.get("/api/status")).status()).toBe(401);
    await anonymous.dispose();
  });
});

test("with the owner's session, /api/status returns the status JSON of DESIGN.md", async ({ request: owner }) => {
  const response = await owner.get(readPanelState().baseUrl + "/api/status");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.target).toEqual({ kind: "embedded" });
  expect(body.steps.map((s: { id: string }) => s.id)).toEqual([
    "backup",
    "schema",
    "copy",
    "parity",
    "cutover",
    "archive",
  ]);
  expect(body.steps[1]).toMatchObject({ state: "locked", blockedBy: "backup" });
});

test("logging out ends the session", async ({ browser }) => {
  // A session of its own (from a fresh one-time link), so the shared owner session stays valid.
  const link = runCli(readPanelState().dataDir, ["login-link"]);
  expect(link.code, link.stderr).toBe(0);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link.stdout.trim());
  await expect(page.getByRole("heading", { name: "Move YTV2 to PostgreSQL" })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "cutover_session")!;
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The old cookie, replayed, no longer opens a page: the session row was revoked.
  const replay = await request.newContext({
    ...noSession,
    extraHTTPHeaders: { cookie: `cutover_session=${cookie.value}` },
  });
  const response = await replay.get(readPanelState().baseUrl + "/api/status");
  expect(response.status()).toBe(401);
  await replay.dispose();
  await context.close();
});

/** A raw request with a Host header of our choosing (a browser under DNS rebinding sends the attacker's name). */
function getWithHost(baseUrl: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } },
      (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on("error", reject);
    request.end();
  });
}

test.describe("hardening", () => {
  test("a request for another host name (DNS rebinding) is refused before any page or route runs", async () => {
    const { baseUrl } = readPanelState();
    const port = new URL(baseUrl).port;
    for (const path of ["/login", "/auth/token?token=x", "/api/status", "/favicon.ico"]) {
      const refused = await getWithHost(baseUrl, path, `rebind.example:${port}`);
      expect(refused.status, path).toBe(421);
      expect(refused.body).toContain('Host "rebind.example');
    }
    expect((await getWithHost(baseUrl, "/login", `127.0.0.1:${Number(port) + 1}`)).status).toBe(421);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await getWithHost(baseUrl, "/login", host)).status, host).toBe(200);
    }
  });

  test("every response forbids framing the panel and sending the login link on as a referrer", async () => {
    const anonymous = await request.newContext({ ...noSession, baseURL: readPanelState().baseUrl });
    for (const path of ["/login", "/", "/favicon.ico"]) {
      const headers = (await anonymous.get(path, { maxRedirects: 0 })).headers();
      expect(headers["content-security-policy"], path).toBe("frame-ancestors 'none'");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["referrer-policy"], path).toBe("no-referrer");
    }
    await anonymous.dispose();
  });

  test("the favicon is served without a session", async () => {
    const anonymous = await request.newContext({ ...noSession, baseURL: readPanelState().baseUrl });
    const ico = await anonymous.get("/favicon.ico", { maxRedirects: 0 });
    expect(ico.status()).toBe(200);
    expect(ico.headers()["content-type"]).toBe("image/x-icon");
    expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const svg = await anonymous.get("/favicon.svg", { maxRedirects: 0 });
    expect(svg.status()).toBe(200);
    expect(await svg.text()).toContain("<svg");
    await anonymous.dispose();
  });

  test("two requests with the same login link at once: exactly one gets a session", async () => {
    const { dataDir } = readPanelState();
    const link = runCli(dataDir, ["login-link"]);
    expect(link.code, link.stderr).toBe(0);
    const responses = await Promise.all([0, 1, 2].map(() => fetch(link.stdout.trim(), { redirect: "manual" })));
    const sessions = responses.filter((response) => response.headers.get("set-cookie")?.includes("cutover_session="));
    expect(sessions).toHaveLength(1);
    expect(responses.map((response) => response.headers.get("location")).sort()).toEqual([
      "/",
      "/login?error=token",
      "/login?error=token",
    ]);
  });
});

test("an unknown page answers 404 inside the panel's layout", async ({ page }) => {
  const response = await page.goto(readPanelState().baseUrl + "/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("06-not-found"), fullPage: true });
  await page.getByRole("link", { name: "Go to the overview" }).click();
  await expect(page.getByRole("heading", { name: "Move YTV2 to PostgreSQL" })).toBeVisible();
});
