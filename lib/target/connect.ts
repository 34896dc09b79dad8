import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import pg from "pg";
import { SSL_PARAMS, sslModeOf, type SslMode } from "@/lib/config/database-url";
import { OwnerFacingError } from "@/lib/workflow/types";

/**
 * Connections to the target PostgreSQL. Every failure becomes one line the owner can act on;
 * the URL is only ever shown without its password.
 */
const CONNECT_TIMEOUT_MS = 5_000;

/** host:port/database of a URL, for messages: never the user's password. */
export function describeTarget(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}`;
  } catch {
    return "the target database (its URL does not parse)";
  }
}

function userOf(databaseUrl: string): string {
  try {
    return decodeURIComponent(new URL(databaseUrl).username) || "the configured role";
  } catch {
    return "the configured role";
  }
}

/**
 * sslmode as libpq and psql read it, not as pg does (pg treats `require` as verify-full and
 * prints a multi-line security warning about it before every first connection): the URL's SSL
 * parameters are taken out and turned into pg's `ssl` option here, for every connection the
 * tool makes. `require` encrypts without checking the certificate (what Render's URL means);
 * `verify-ca` checks it against a CA, `verify-full` also checks the host name. `allow` and
 * `prefer` encrypt like `require` (pg cannot fall back to a plain connection).
 */
export function targetConnectionConfig(databaseUrl: string): {
  connectionString: string;
  ssl: ConnectionOptions | false;
} {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return { connectionString: databaseUrl, ssl: false };
  }
  const mode = sslModeOf(url);
  const file = (param: string) => {
    const value = url.searchParams.get(param);
    if (!value || value === "system") return undefined;
    try {
      return readFileSync(value, "utf8");
    } catch (error) {
      throw new OwnerFacingError(
        `DATABASE_URL's ${param} file ${value} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
        "target_config",
      );
    }
  };
  const [ca, cert, key] = [file("sslrootcert"), file("sslcert"), file("sslkey")];
  for (const param of SSL_PARAMS) url.searchParams.delete(param);
  const connectionString = url.toString();
  if (!mode || mode === "disable") return { connectionString, ssl: false };
  const clientCert = { ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  if (mode === "verify-full") return { connectionString, ssl: { ...clientCert, ...(ca ? { ca } : {}) } };
  if (mode === "verify-ca" || ca) {
    return { connectionString, ssl: { ...clientCert, ...(ca ? { ca } : {}), checkServerIdentity: () => undefined } };
  }
  return { connectionString, ssl: { ...clientCert, rejectUnauthorized: false } };
}

const SSL_WORDS: Record<SslMode, string> = {
  disable: "not encrypted (sslmode=disable)",
  allow: "encrypted, certificate not checked (sslmode=allow)",
  prefer: "encrypted, certificate not checked (sslmode=prefer)",
  require: "encrypted, certificate not checked (sslmode=require)",
  "no-verify": "encrypted, certificate not checked (sslmode=no-verify)",
  "verify-ca": "encrypted, certificate checked against its CA (sslmode=verify-ca)",
  "verify-full": "encrypted, certificate and host name checked (sslmode=verify-full)",
};

/** How the connection is protected, in a few words for the owner. */
export function describeSsl(databaseUrl: string): string {
  try {
    const mode = sslModeOf(new URL(databaseUrl));
    return mode ? SSL_WORDS[mode] : "not encrypted (no sslmode in DATABASE_URL)";
  } catch {
    return "unknown";
  }
}

type PgLikeError = Error & { code?: string; errno?: number };

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Translates a pg or socket error into the owner's message; anything else passes through unchanged. */
export function toTargetError(error: unknown, databaseUrl: string): unknown {
  if (error instanceof OwnerFacingError || !(error instanceof Error)) return error;
  const code = (error as PgLikeError).code;
  const where = describeTarget(databaseUrl);
  const user = userOf(databaseUrl);
  const timedOut = /timeout|timed out/i.test(error.message);
  if (/does not support SSL/i.test(error.message)) {
    return new OwnerFacingError(
      `The target PostgreSQL at ${where} does not accept SSL connections, but DATABASE_URL asks for ${describeSsl(databaseUrl).replace(/^.*\((.*)\)$/, "$1")}; use sslmode=disable only for a server on this machine or a private network.`,
      "target_no_ssl",
    );
  }
  if (code && TLS_CODES.has(code)) {
    return new OwnerFacingError(
      `The target PostgreSQL at ${where} presented a certificate that does not pass its check (${code}); with sslmode=verify-full or verify-ca, give the server's CA as sslrootcert=/path/to/ca.pem, or use sslmode=require to encrypt without checking it.`,
      "target_tls",
    );
  }
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ETIMEDOUT" || timedOut) {
    return new OwnerFacingError(
      `The target PostgreSQL at ${where} cannot be reached (${code ?? "connection timed out"}); check that it runs and the host and port are right.`,
      "target_unreachable",
    );
  }
  if (code === "28P01" || code === "28000") {
    return new OwnerFacingError(
      `The target PostgreSQL at ${where} refused the login of "${user}": wrong password or not allowed (${code}).`,
      "target_auth",
    );
  }
  if (code === "3D000") {
    const [host, database] = where.split("/");
    return new OwnerFacingError(
      `The database "${database}" does not exist on ${host}; create it first (3D000).`,
      "target_database_missing",
    );
  }
  if (code === "42501") {
    return new OwnerFacingError(
      `The role "${user}" lacks a privilege on ${where} (${error.message}); grant it CREATE on schema public or use the owning role (42501).`,
      "target_privilege",
    );
  }
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    return new OwnerFacingError(
      `The target PostgreSQL at ${where} failed: ${error.message} (${code}).`,
      "target_error",
    );
  }
  return error;
}

/** A connected client with search_path pinned to public, where the schema lives. */
export async function connectTarget(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ ...targetConnectionConfig(databaseUrl), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SET search_path TO public");
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw toTargetError(error, databaseUrl);
  }
}

/** Runs `fn` with a fresh client and always closes it; failures come out as owner-facing errors. */
export async function withTargetClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectTarget(databaseUrl);
  try {
    return await fn(client);
  } catch (error) {
    throw toTargetError(error, databaseUrl);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A pool for callers that run many short queries (parity, the card list). */
export function createTargetPool(databaseUrl: string, max = 4): pg.Pool {
  const pool = new pg.Pool({
    ...targetConnectionConfig(databaseUrl),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    max,
  });
  pool.on("error", () => undefined);
  pool.on("connect", (client) => {
    client.query("SET search_path TO public").catch(() => undefined);
  });
  return pool;
}
