import "server-only";
import { randomUUID } from "node:crypto";
import type { AppContext } from "../app-context";
import { appendAudit } from "../audit/audit-log";
import { getSessionSecret } from "./secrets";
import { SESSION_TTL_MS, signSessionToken, verifySessionToken } from "./session-token";

/** Owner sessions: a signed cookie naming a session row, so logout really ends it. */
export async function startOwnerSession(ctx: AppContext, how: "login link" | "password") {
  const id = randomUUID();
  const expiresAtMs = Date.now() + SESSION_TTL_MS;
  await ctx.db.ownerSession.create({
    data: { id, createdAt: new Date().toISOString(), expiresAt: new Date(expiresAtMs).toISOString() },
  });
  await appendAudit(ctx.db, { actor: "owner", action: "login", outcome: "ok", detail: { how } });
  return { value: signSessionToken(id, expiresAtMs, getSessionSecret(ctx.paths)), expires: new Date(expiresAtMs) };
}

export async function isOwnerSessionValid(ctx: AppContext, cookieValue: string | undefined): Promise<boolean> {
  const verified = verifySessionToken(cookieValue, getSessionSecret(ctx.paths));
  if (!verified) return false;
  const session = await ctx.db.ownerSession.findUnique({ where: { id: verified.sessionId } });
  return Boolean(session && !session.revokedAt);
}

export async function endOwnerSession(ctx: AppContext, cookieValue: string | undefined) {
  const verified = verifySessionToken(cookieValue, getSessionSecret(ctx.paths));
  if (!verified) return;
  await ctx.db.ownerSession.updateMany({
    where: { id: verified.sessionId, revokedAt: null },
    data: { revokedAt: new Date().toISOString() },
  });
  await appendAudit(ctx.db, { actor: "owner", action: "logout", outcome: "ok" });
}
