import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ControlDb } from "../control/control-db";
import type { DataPaths } from "../config/paths";

/** The secret that signs session cookies, created once per data dir (file mode 600). */
export function getSessionSecret(paths: DataPaths): Buffer {
  if (!existsSync(paths.sessionSecret)) {
    mkdirSync(path.dirname(paths.sessionSecret), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(paths.sessionSecret, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return Buffer.from(readFileSync(paths.sessionSecret, "utf8").trim(), "hex");
}

export const LOGIN_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export function hashLoginToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** A new one-time login token; only its hash is kept, in the control DB. Replaces any earlier one. */
export async function issueLoginToken(db: ControlDb): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + LOGIN_TOKEN_TTL_MS).toISOString();
  await db.$transaction([
    db.loginToken.deleteMany({}),
    db.loginToken.create({ data: { sha256: hashLoginToken(token), expiresAt } }),
  ]);
  return token;
}
