/**
 * `npm start`: everything the panel needs, in order — the configuration, the data dir and its
 * lock, the control DB, the demo sources (when no real files are configured), the embedded
 * PostgreSQL (when no DATABASE_URL), a production build when the sources changed, then Next.js
 * and the login link, printed last.
 *
 * One process does all of it and is the panel: it holds the lock, owns PostgreSQL and serves
 * Next.js in-process (lib/panel/web-server.ts). A launcher supervising a separate Next.js server
 * left that server and PostgreSQL running whenever the launcher alone was killed; with one
 * process there is nothing to orphan but PostgreSQL, which the next start finds by its
 * postmaster.pid and stops. `npm start` runs this script with `exec`, so npm's own pid forwards
 * SIGINT and SIGTERM straight here. Any of SIGINT, SIGTERM and SIGHUP stops it like Ctrl-C: the
 * web server first, then PostgreSQL, then the lock, exit 0.
 */
import { ConfigError, getEnv, pinServerEnvironment } from "../lib/config/env";
import { prepareDataDir } from "../lib/config/data-dir";
import { type AppContext, createAppContext } from "../lib/app-context";
import { issueLoginToken } from "../lib/auth/secrets";
import { closeControlDb } from "../lib/control/control-db";
import { buildPanel, needsBuild } from "../lib/panel/build";
import { loginBanner } from "../lib/panel/login-banner";
import { acquirePanelLock } from "../lib/panel/panel-lock";
import { assertPortFree, startWebServer, type WebServer } from "../lib/panel/web-server";
import { ensureSourcePaths, sourcesLine } from "../lib/sources/source-paths";
import { describeSsl, describeTarget, withTargetClient } from "../lib/target/connect";
import { type EmbeddedServer, leaveSignalsToCaller, startEmbeddedServer } from "../lib/target/embedded-server";
import { OwnerFacingError } from "../lib/workflow/types";

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");

// Whoever read our output may be gone (a closed terminal's pipe, a killed supervisor). A write
// to it then fails with EPIPE; unheard, that error reaches every uncaughtException handler, whose
// own logging fails the same way on the next tick, and the loop starves the signal handlers. The
// panel keeps serving without its log, and still stops on SIGINT, SIGTERM or SIGHUP.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

const say = (line: string) => process.stdout.write(`[cutover] ${line}\n`);
const complain = (line: string) => process.stderr.write(`[cutover] ${line}\n`);

/** Expected failures are one line; anything else too, with the detail kept to the first line. */
function oneLine(error: unknown): string {
  if (error instanceof OwnerFacingError || error instanceof ConfigError) return error.message;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n")[0]!;
}

const state: {
  stopping: boolean;
  serving?: boolean;
  ctx?: AppContext;
  releaseLock?: () => void;
  server?: Promise<EmbeddedServer | undefined>;
  web?: Promise<WebServer | undefined>;
  build: AbortController;
} = { stopping: false, build: new AbortController() };

async function stop(code: number) {
  if (state.stopping) return;
  state.stopping = true;
  if (state.ctx) say("Stopping…");
  state.build.abort();
  try {
    await (await state.web?.catch(() => undefined))?.close();
    await (await state.server?.catch(() => undefined))?.stop();
    if (state.ctx) await closeControlDb(state.ctx.paths.controlDb);
  } catch (error) {
    complain(`While stopping: ${oneLine(error)}`);
    code = code || 1;
  }
  state.releaseLock?.();
  if (state.ctx) say(`Stopped. Data kept in ${state.ctx.paths.dataDir}`);
  process.exit(code);
}

leaveSignalsToCaller();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(0));
// Before it serves, an error nobody caught stops the start cleanly (PostgreSQL too). Once Next.js
// serves, its own handlers log such errors and keep serving, as `next start` does.
process.on("uncaughtException", (error) => {
  if (state.serving) return;
  complain(`Unexpected error, stopping: ${oneLine(error)}`);
  console.error(error);
  void stop(1);
});

async function main() {
  const env = getEnv();
  pinServerEnvironment(env, dev ? "development" : "production");
  const paths = prepareDataDir(env);
  const shownHost = env.host.includes(":") ? `[${env.host}]` : env.host;
  const baseUrl = `http://${shownHost}:${env.port}`;
  state.releaseLock = acquirePanelLock(paths.panelLock, baseUrl);
  await assertPortFree(env.host, env.port);
  const ctx = (state.ctx = createAppContext(env));

  ensureSourcePaths(env, paths);
  say(sourcesLine(env, paths));
  if (env.databaseUrl) {
    say(`Target: external PostgreSQL at ${describeTarget(env.databaseUrl)}, ${describeSsl(env.databaseUrl)}`);
    // Said now, in one line; the panel still starts: step 1 needs no target, and the steps
    // that do will refuse with the same words until it is fixed.
    await withTargetClient(env.databaseUrl, (client) => client.query("select 1")).catch((error: unknown) =>
      complain(`${oneLine(error)} The panel starts anyway; the steps that use the target refuse until this is fixed.`),
    );
  } else {
    state.server = startEmbeddedServer(paths.postgresDir, { notice: say });
    const server = await state.server;
    say(`Target: embedded PostgreSQL on 127.0.0.1:${server!.port} (data in ${paths.postgresDir})`);
  }
  if (state.stopping) return;

  if (!dev && !args.has("--no-build") && needsBuild(env.projectRoot)) {
    say("Building the panel (first start or changed sources; about a minute)…");
    const built = await buildPanel(env.projectRoot, state.build.signal);
    say(`Built in ${built.seconds} s (the build's output: ${built.log}).`);
  }
  if (state.stopping) return;

  const token = env.panelPassword ? undefined : await issueLoginToken(ctx.db);
  state.web = startWebServer({ dev, dir: env.projectRoot, host: env.host, port: env.port });
  await state.web;
  if (state.stopping) return;
  state.serving = true;
  const loginLink = token ? `${baseUrl}/auth/token?token=${token}` : undefined;
  process.stdout.write(`\n${loginBanner({ baseUrl, loginLink, boundTo: env.host })}\n`);
}

main().catch((error) => {
  if (state.stopping) return;
  complain(oneLine(error));
  void stop(1);
});
