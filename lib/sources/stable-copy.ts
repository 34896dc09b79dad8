import { createReadStream, createWriteStream, rmSync, statSync } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { ProgressReporter } from "@/lib/workflow/types";
import { fileIdentity, modifiedMsAgo } from "./local-access";

/**
 * Kernel timestamps come from a coarse clock (a few ms): a write in the same tick as the last
 * one leaves mtime as it was. A file last written this long ago cannot hide a write that way,
 * so a copy that starts later and sees the same identity at its end saw no write at all.
 */
const QUIET_MS = 1_000;
const ATTEMPTS = 3;

export type StableCopyOptions = {
  phase: string;
  onProgress?: ProgressReporter;
  signal?: AbortSignal;
};

export class SourceKeptChangingError extends Error {
  readonly code = "SOURCE_CHANGING";
}

/**
 * Copies a live file's bytes to `dest` (created, mode 0600) and proves the copy is one state
 * of it: the file's identity (device, inode, size, mtime, ctime) and its -wal's absence are the
 * same before and after, else it tries again. The partial copy is removed on any failure.
 */
export async function copyStableFile(source: string, dest: string, options: StableCopyOptions): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const age = modifiedMsAgo(source);
    if (age < QUIET_MS) await sleep(QUIET_MS - Math.max(age, 0), undefined, { signal: options.signal });
    const before = fileIdentity(source);
    try {
      await copyBytes(source, dest, options);
    } catch (error) {
      rmSync(dest, { force: true });
      throw error;
    }
    if (fileIdentity(source) === before) return;
    rmSync(dest, { force: true });
  }
  throw new SourceKeptChangingError(`${source} changed while it was copied, ${ATTEMPTS} times`);
}

async function copyBytes(source: string, dest: string, options: StableCopyOptions): Promise<void> {
  const total = statSync(source).size;
  const input = createReadStream(source);
  let done = 0;
  let lastReport = 0;
  const report = () => options.onProgress?.({ phase: options.phase, done, total, unit: "bytes" });
  report();
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      if (done - lastReport >= 4 << 20) {
        lastReport = done;
        try {
          report();
        } catch (error) {
          callback(error as Error);
          return;
        }
      }
      callback(null, chunk);
    },
  });
  await pipeline(input, meter, createWriteStream(dest, { flags: "wx", mode: 0o600 }), { signal: options.signal });
  report();
}
