import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, type ReadStream, type WriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { PassThrough, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fsyncPath } from "./durable-fs";

export type FileDigest = { sha256: string; sizeBytes: number };

const CHUNK = 1 << 20;
const REPORT_EVERY = 8 << 20;

/** A pass-through that hashes and counts what flows by, reporting every 8 MB. */
function meter(hash: Hash, onBytes?: (bytes: number) => void) {
  let bytes = 0;
  let reported = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      if (onBytes && bytes - reported >= REPORT_EVERY) {
        reported = bytes;
        onBytes(bytes);
      }
      callback(null, chunk);
    },
  });
  return { stream, digest: (): FileDigest => ({ sha256: hash.digest("hex"), sizeBytes: bytes }) };
}

function closed(stream: ReadStream | WriteStream): Promise<unknown> | undefined {
  return stream.closed ? undefined : once(stream, "close").catch(() => undefined);
}

/** Streams `from` through `transform` into a new file `to` (must not exist), fsynced before it resolves. */
export async function streamThrough(
  from: string,
  to: string,
  transform: Transform,
  options: { signal?: AbortSignal; onBytes?: (bytesRead: number) => void },
): Promise<{ input: FileDigest; output: FileDigest }> {
  const input = meter(createHash("sha256"), options.onBytes);
  const output = meter(createHash("sha256"));
  // Opened before the pipeline and waited for after it: a stream destroyed on error or cancel
  // closes its file later, and that file must be gone before the caller cleans up or unmounts.
  const writer = (await open(to, "wx")).createWriteStream({ highWaterMark: CHUNK });
  const reader = createReadStream(from, { highWaterMark: CHUNK });
  try {
    await pipeline(reader, input.stream, transform, output.stream, writer, { signal: options.signal });
  } finally {
    await Promise.all([closed(reader), closed(writer)]);
  }
  // fsync through a second descriptor: Linux flushes the file, not the descriptor.
  fsyncPath(to);
  return { input: input.digest(), output: output.digest() };
}

/** Copies a file to a new one (must not exist), fsynced; the digests are of the bytes read and written. */
export async function copyFileDurably(
  from: string,
  to: string,
  options: { signal?: AbortSignal; onBytes?: (bytesRead: number) => void } = {},
): Promise<FileDigest> {
  return (await streamThrough(from, to, new PassThrough({ highWaterMark: CHUNK }), options)).output;
}
