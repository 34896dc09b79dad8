import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DataPaths } from "../config/paths";
import { safeEqualText } from "./session-token";

/** The secret that signs session cookies, created once per data dir (file mode 600). */
export function getSessionSecret(paths: DataPaths): Buffer {
  if (!existsSync(paths.sessionSecret)) {
    mkdirSync(path.dirname(paths.sessionSecret), { recursive: true });
    try {
      writeFileSync(paths.sessionSecret, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return Buffer.from(readFileSync(paths.sessionSecret, "utf8").trim(), "hex");
}

const LOGIN_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** A new one-time login token; only its hash is kept on disk. Replaces any earlier one. */
export function issueLoginToken(paths: DataPaths): string {
  const token = randomBytes(24).toString("base64url");
  const record = { sha256: hashToken(token), expiresAt: Date.now() + LOGIN_TOKEN_TTL_MS };
  writeFileSync(paths.loginToken, JSON.stringify(record), { mode: 0o600 });
  return token;
}

/** True once for the right token: the record is removed before answering. */
export function consumeLoginToken(paths: DataPaths, token: string): boolean {
  let record: { sha256: string; expiresAt: number };
  try {
    record = JSON.parse(readFileSync(paths.loginToken, "utf8"));
  } catch {
    return false;
  }
  if (!safeEqualText(record.sha256, hashToken(token))) return false;
  rmSync(paths.loginToken, { force: true });
  return record.expiresAt > Date.now();
}
