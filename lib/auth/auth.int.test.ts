import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { PrismaClient } from "../../generated/control/client";
import { makeTestContext } from "../../test/support/app-context";
import { listAudit } from "../audit/audit-log";
import { claimLoginLink, endOwnerSession, isOwnerSessionValid, startOwnerSession } from "./owner-session";
import { loginWithPassword } from "./password-login";
import { issueLoginToken } from "./secrets";

const PASSWORD = "correct horse battery staple";
const contexts: Array<{ cleanup(): Promise<void> }> = [];
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.cleanup();
});

function context() {
  const ctx = makeTestContext({ PANEL_PASSWORD: PASSWORD });
  contexts.push(ctx);
  return ctx;
}

const loginEntries = async (ctx: ReturnType<typeof context>) =>
  (await listAudit(ctx.db, { limit: 1000 })).filter((entry) => entry.action === "login" || entry.action === "logout");

describe("password login limit", () => {
  it("refuses after 10 wrong passwords without comparing, audits the burst twice (its start and its first delay), not every try", async () => {
    const ctx = context();
    let now = 1_000_000;
    const clock = () => now;
    for (let i = 1; i <= 9; i++) {
      expect(await loginWithPassword(ctx, `wrong ${i}`, clock)).toEqual({ ok: false, error: "Wrong password." });
      now += 1000;
    }
    expect(await loginWithPassword(ctx, "wrong 10", clock)).toEqual({
      ok: false,
      error: "Wrong password. Too many wrong passwords: try again in 30 s.",
    });
    // During the delay even the right password is refused: it is not compared at all.
    now += 10_000;
    expect(await loginWithPassword(ctx, PASSWORD, clock)).toEqual({
      ok: false,
      error: "Too many wrong passwords: try again in 20 s.",
    });
    now += 20_000;
    expect(await loginWithPassword(ctx, "wrong 11", clock)).toMatchObject({ error: /try again in 60 s/ });

    const refused = (await loginEntries(ctx)).filter((entry) => entry.outcome === "refused");
    expect(refused.map((entry) => JSON.parse(entry.detail).reason)).toEqual([
      "too many wrong passwords: each further try now waits, longer every time",
      "wrong password (first of a burst; later tries are not logged one by one)",
    ]);

    now += 60_000;
    const ok = await loginWithPassword(ctx, PASSWORD, clock);
    expect(ok.ok).toBe(true);
    const [login] = await loginEntries(ctx);
    expect(login).toMatchObject({ action: "login", outcome: "ok" });
    expect(JSON.parse(login!.detail)).toEqual({ how: "password", wrongPasswordsBefore: 11 });
  });

  it("keeps one limit per data dir", async () => {
    const first = context();
    const second = context();
    for (let i = 0; i < 10; i++) await loginWithPassword(first, "wrong");
    expect(await loginWithPassword(first, PASSWORD)).toMatchObject({ ok: false });
    expect(await loginWithPassword(second, PASSWORD)).toMatchObject({ ok: true });
  });
});

describe("login link", () => {
  it("of concurrent requests with the same link, exactly one gets a session", async () => {
    const ctx = context();
    const token = await issueLoginToken(ctx.db);
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimLoginLink(ctx, token)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await ctx.db.ownerSession.count()).toBe(1);
    expect((await loginEntries(ctx)).filter((entry) => entry.outcome === "ok")).toHaveLength(1);
    expect(await claimLoginLink(ctx, token)).toBeNull();
  });

  it("two connections to the control DB (as two processes would have) claim one link once", async () => {
    const ctx = context();
    const other = new PrismaClient({
      adapter: new PrismaBetterSqlite3({ url: `file:${ctx.paths.controlDb}`, timeout: 5000 }),
    });
    try {
      const token = await issueLoginToken(ctx.db);
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => claimLoginLink(i % 2 ? ctx : { ...ctx, db: other }, token)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await ctx.db.ownerSession.count()).toBe(1);
    } finally {
      await other.$disconnect();
    }
  });

  it("a new link replaces the old one, and an expired link is refused", async () => {
    const ctx = context();
    const old = await issueLoginToken(ctx.db);
    const fresh = await issueLoginToken(ctx.db);
    expect(await claimLoginLink(ctx, old)).toBeNull();
    await ctx.db.loginToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect(await claimLoginLink(ctx, fresh)).toBeNull();
    expect(await ctx.db.ownerSession.count()).toBe(0);
  });
});

describe("logout", () => {
  it("audits only a session that was live: a forged, ended or missing cookie writes nothing", async () => {
    const ctx = context();
    const session = await startOwnerSession(ctx, "password");
    const before = (await loginEntries(ctx)).length;

    expect(await endOwnerSession(ctx, undefined)).toBe(false);
    expect(await endOwnerSession(ctx, `abc.${Date.now() + 100_000}.forged`)).toBe(false);
    expect(await loginEntries(ctx)).toHaveLength(before);

    expect(await endOwnerSession(ctx, session.value)).toBe(true);
    expect(await isOwnerSessionValid(ctx, session.value)).toBe(false);
    expect(await endOwnerSession(ctx, session.value)).toBe(false);
    const entries = await loginEntries(ctx);
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ action: "logout", outcome: "ok" });
  });
});
