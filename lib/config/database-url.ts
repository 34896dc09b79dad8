/**
 * DATABASE_URL as the owner pastes it (Render's external URL ends in `?sslmode=require`). The
 * URL is checked once, at configuration time, so a bad one is one line and never a stack trace;
 * its password never appears in a message.
 */
export const SSL_MODES = ["disable", "allow", "prefer", "require", "no-verify", "verify-ca", "verify-full"] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** Parameters this tool turns into pg's `ssl` option itself instead of leaving them to pg. */
export const SSL_PARAMS = ["sslmode", "ssl", "sslrootcert", "sslcert", "sslkey", "uselibpqcompat"] as const;

const ENCODED = "percent-encoded, e.g. @ as %40, # as %23";
const AUTHORITY = /^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?/;

/** Why the URL cannot be used, or undefined when it can. */
export function databaseUrlProblem(value: string): string | undefined {
  if (!/^postgres(ql)?:\/\//.test(value)) return "must start with postgres:// or postgresql://";
  const port = AUTHORITY.exec(value)?.[2];
  if (port !== undefined && port !== "") {
    const number = /^\d+$/.test(port) ? Number(port) : NaN;
    if (!(number >= 1 && number <= 65535)) {
      const hint = /^\d+$/.test(port) ? "" : ` (characters such as @ : / # ? in the password must be ${ENCODED})`;
      return `has an invalid port "${port}": use a number from 1 to 65535${hint}`;
    }
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `does not parse as a URL (characters such as @ : / # ? in the password must be ${ENCODED})`;
  }
  const mode = url.searchParams.get("sslmode");
  if (mode !== null && !(SSL_MODES as readonly string[]).includes(mode)) {
    return `has an unknown sslmode "${mode}": use disable, require, verify-ca or verify-full`;
  }
  return undefined;
}

/** The sslmode the URL asks for (`ssl=true` alone counts as verify-full, as in pg); undefined: none. */
export function sslModeOf(url: URL): SslMode | undefined {
  const mode = url.searchParams.get("sslmode");
  if ((SSL_MODES as readonly string[]).includes(mode ?? "")) return mode as SslMode;
  const ssl = url.searchParams.get("ssl");
  return ssl === "true" || ssl === "1" ? "verify-full" : undefined;
}
