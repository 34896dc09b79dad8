import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The session cookie's value: `<sessionId>.<expiresAtMs>.<hmac>`, signed with the panel's
 * secret. Pure, so the proxy can check a signature without touching the control DB.
 */
export const SESSION_COOKIE = "cutover_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function sign(payload: string, secret: Buffer): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function signSessionToken(sessionId: string, expiresAtMs: number, secret: Buffer): string {
  const payload = `${sessionId}.${expiresAtMs}`;
  return `${payload}.${sign(payload, secret)}`;
}

export function verifySessionToken(
  value: string | undefined,
  secret: Buffer,
  nowMs = Date.now(),
): { sessionId: string; expiresAtMs: number } | null {
  if (!value) return null;
  const parts = value.split(".");
  if (parts.length !== 3) return null;
  const [sessionId, expires, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${sessionId}.${expires}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const expiresAtMs = Number(expires);
  if (!Number.isFinite(expiresAtMs) || expiresAtMs <= nowMs) return null;
  return { sessionId, expiresAtMs };
}

export function safeEqualText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
