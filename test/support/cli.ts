import { execFile, spawnSync } from "node:child_process";
import path from "node:path";
import type { Harness } from "./copy-harness";

/**
 * The real CLI (`npx cutover`'s script) in a child process, as the owner runs it. The
 * synchronous form for tests that answer nothing themselves; the asynchronous one when a
 * stand-in server in this process must answer the CLI while it runs.
 */
export type CliRun = { code: number | null; stdout: string; stderr: string };

const SCRIPT = () => path.join(process.cwd(), "cli", "cutover.mjs");

export type CliOptions = { env: Record<string, string | undefined>; cwd?: string };

export function runCli(options: CliOptions, ...args: string[]): CliRun {
  const result = spawnSync(process.execPath, [SCRIPT(), ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runCliAsync(options: CliOptions, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [SCRIPT(), ...args],
      { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: "utf8" },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/** The environment that points the CLI at a demo harness: its data dir, sources and target. */
export function harnessEnv(h: Harness): Record<string, string> {
  return {
    CUTOVER_DATA_DIR: h.ctx.paths.dataDir,
    NAS_DB: h.sources.nas,
    DASHBOARD_DB: h.sources.dashboard,
    DATABASE_URL: h.databaseUrl,
  };
}
