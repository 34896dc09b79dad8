import { expect, request, test } from "@playwright/test";
import { runCli } from "./support/cli";
import { readPanelState } from "./support/state";

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
