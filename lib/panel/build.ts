import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OwnerFacingError } from "../workflow/types";

/** A production build is needed on the first start and after the panel's sources changed. */
export function needsBuild(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return ["app", "components", "lib", "public", "proxy.ts", "next.config.js"].some((name) => {
    const full = path.join(root, name);
    if (!existsSync(full)) return false;
    return (statSync(full).isDirectory() ? newestMtime(full) : statSync(full).mtimeMs) > built;
  });
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

/**
 * `next build`, with its output kept in `.next/build-output.log` instead of the terminal: the
 * route table would bury the login link printed after it. A failed build shows its last lines.
 * Cancelled (the launcher is asked to stop meanwhile): the build is stopped too.
 */
export async function buildPanel(root: string, signal: AbortSignal): Promise<{ seconds: number; log: string }> {
  const started = Date.now();
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    signal,
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    child.once("close", (exitCode) => resolve(exitCode));
    child.once("error", () => resolve(null));
  });
  const log = path.join(root, ".next", "build-output.log");
  if (existsSync(path.dirname(log))) writeFileSync(log, output);
  if (signal.aborted) throw new OwnerFacingError("The panel build was stopped.");
  if (code !== 0) {
    const tail = output.trimEnd().split("\n").slice(-25).join("\n");
    throw new OwnerFacingError(`The panel build failed (exit ${code}); its last lines:\n${tail}`);
  }
  return { seconds: Math.round((Date.now() - started) / 1000), log };
}
