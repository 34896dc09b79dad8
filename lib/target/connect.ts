import pg from "pg";
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

type PgLikeError = Error & { code?: string; errno?: number };

/** Translates a pg or socket error into the owner's message; anything else passes through unchanged. */
export function toTargetError(error: unknown, databaseUrl: string): unknown {
  if (error instanceof OwnerFacingError || !(error instanceof Error)) return error;
  const code = (error as PgLikeError).code;
  const where = describeTarget(databaseUrl);
  const user = userOf(databaseUrl);
  const timedOut = /timeout|timed out/i.test(error.message);
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
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
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
  const pool = new pg.Pool({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, max });
  pool.on("error", () => undefined);
  pool.on("connect", (client) => {
    client.query("SET search_path TO public").catch(() => undefined);
  });
  return pool;
}
