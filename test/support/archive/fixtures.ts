import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateDemoPair } from "@/lib/demo/generate-demo-pair";
import type { ArchiveManifest } from "@/lib/archive/manifest";

/** The demo pair (legacy schema, realistic rows) under `dir`. */
export function demoSources(dir: string) {
  const nas = path.join(dir, "sources", "nas.db");
  const dashboard = path.join(dir, "sources", "dashboard.db");
  const { expected } = generateDemoPair({ nasPath: nas, dashboardPath: dashboard });
  return { nas, dashboard, expected };
}

export function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** A manifest minus the times, which a rerun may legitimately change. */
export function withoutTimes(manifest: ArchiveManifest): Record<string, unknown> {
  const copy: Partial<ArchiveManifest> = structuredClone(manifest);
  delete copy.createdAt;
  delete copy.archiveId;
  const check: Partial<ArchiveManifest["restoreTest"]> = copy.restoreTest!;
  delete check.checkedAt;
  return copy;
}

/**
 * A real tmpfs (tests run as root): a small one is a disk that fills up, a read-only one an
 * unwritable folder, any one another file system. Fails loudly where mounting is not allowed.
 */
export function mountTmpfs(dir: string, options: { sizeBytes: number; readOnly?: boolean }): () => void {
  mkdirSync(dir, { recursive: true });
  const flags = `size=${options.sizeBytes}${options.readOnly ? ",ro" : ""}`;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", flags, "tmpfs", dir], { stdio: "pipe" });
  } catch (error) {
    throw new Error(`this test mounts a tmpfs and needs root with CAP_SYS_ADMIN: ${(error as Error).message}`);
  }
  return () => execFileSync("umount", [dir], { stdio: "pipe" });
}

export type ChildRun = { killed: boolean; lines: string[]; result: Record<string, unknown> | null };

/**
 * Runs archive-child.ts; `killWhen` sees each progress line (phase, done) and returns true to
 * SIGKILL the child right there, from outside, as a crash or `kill -9` would.
 */
export function runArchiveChild(
  env: Record<string, string>,
  killWhen?: (phase: string, done: number) => boolean,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "archive-child.ts")],
      { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    const lines: string[] = [];
    let stderr = "";
    let buffered = "";
    let killed = false;
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split("\n");
      buffered = complete.pop()!;
      for (const line of complete) {
        lines.push(line);
        const [word, phase, done] = line.split(" ");
        if (word === "progress" && !killed && killWhen?.(phase!, Number(done))) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const last = lines.find((line) => line.startsWith("result "));
      if (signal === "SIGKILL" || code === 0) {
        resolve({ killed: signal === "SIGKILL", lines, result: last ? JSON.parse(last.slice(7)) : null });
      } else reject(new Error(`archive child exited ${code}: ${stderr}`));
    });
  });
}

/** Runs every cleanup, last registered first (an unmount before its folder goes), and rethrows the first failure. */
export function runCleanups(cleanups: Array<() => void>): void {
  let failure: unknown;
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      cleanup();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
}
