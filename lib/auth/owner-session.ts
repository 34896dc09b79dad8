import "server-only";
import { randomUUID } from "node:crypto";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { hashLoginToken, getSessionSecret } from "./secrets";
import { SESSION_TTL_MS, signSessionToken, verifySessionToken } from "./session-token";

export type OwnerSessionCookie = { value: string; expires: Date };

/** Owner sessions: a signed cookie naming a session row, so logout really ends it. */
export async function startOwnerSession(
  ctx: AppContext,
  how: "login link" | "password",
  detail: Record<string, unknown> = {},
): Promise<OwnerSessionCookie> {
  const id = randomUUID();
  const expiresAtMs = Date.now() + SESSION_TTL_MS;
  await ctx.db.ownerSession.create({
    data: { id, createdAt: new Date().toISOString(), expiresAt: new Date(expiresAtMs).toISOString() },
  });
  await appendAudit(ctx.db, { actor: "owner", action: "login", outcome: "ok", detail: { how, ...detail } });
  return { value: signSessionToken(id, expiresAtMs, getSessionSecret(ctx.paths)), expires: new Date(expiresAtMs) };
}

/**
 * The one-time login link, claimed by one conditional write: a delete of the unexpired token by
 * its hash, a single statement, so of two requests with the same link (two connections, two
 * processes) exactly one deletes it and gets a session; the other gets null.
 */
export async function claimLoginLink(ctx: AppContext, token: string): Promise<OwnerSessionCookie | null> {
  if (!token) return null;
  const { count } = await ctx.db.loginToken.deleteMany({
    where: { sha256: hashLoginToken(token), expiresAt: { gt: new Date().toISOString() } },
  });
  if (count !== 1) return null;
  return startOwnerSession(ctx, "login link");
}

export async function isOwnerSessionValid(ctx: AppContext, cookieValue: string | undefined): Promise<boolean> {
  const verified = verifySessionToken(cookieValue, getSessionSecret(ctx.paths));
  if (!verified) return false;
  const session = await ctx.db.ownerSession.findUnique({ where: { id: verified.sessionId } });
  return Boolean(session && !session.revokedAt);
}

/**
 * Ends the session the cookie names. Only a session that was live is audited as a logout: a
 * stale, forged or already ended cookie changes nothing and writes nothing.
 */
export async function endOwnerSession(ctx: AppContext, cookieValue: string | undefined): Promise<boolean> {
  const verified = verifySessionToken(cookieValue, getSessionSecret(ctx.paths));
  if (!verified) return false;
  const { count } = await ctx.db.ownerSession.updateMany({
    where: { id: verified.sessionId, revokedAt: null },
    data: { revokedAt: new Date().toISOString() },
  });
  if (count !== 1) return false;
  await appendAudit(ctx.db, { actor: "owner", action: "logout", outcome: "ok" });
  return true;
}
