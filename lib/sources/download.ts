import http from "node:http";
import https from "node:https";
import { rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { describeNetworkError, describeStatus, describeWrongBody } from "./download-errors";
import {
  isLoopbackHost,
  ROLE_LABEL,
  shownUrl,
  SOURCE_VARIABLE,
  urlSettingProblem,
  type SourceRole,
} from "./source-setting";
import { formatBytes } from "./sizes";

export type DownloadOptions = {
  role: SourceRole;
  url: string;
  /** sent as `Authorization: Bearer …` to the URL's own origin only */
  token?: string;
  /** created with mode 0600; removed again on any failure */
  dest: string;
  onProgress?: ProgressReporter;
  signal?: AbortSignal;
  /** no byte for this long and the transfer counts as stalled */
  stallMs?: number;
  /** an extra trusted certificate (tests' self-signed one); production trusts the system's */
  ca?: string | Buffer;
};

export const DEFAULT_STALL_MS = 30_000;
const MAX_REDIRECTS = 5;
/** Enough of a wrong body to say what it is (an HTML title, a JSON error). */
const SNIFF_BYTES = 512;

export function downloadFailure(role: SourceRole, text: string, kind = "source_unreachable"): OwnerFacingError {
  return new OwnerFacingError(`${ROLE_LABEL[role]} download ${text}`, kind);
}

/**
 * Streams a source's file from its host into `dest`. Refuses, in one line each: a status other
 * than 200, a redirect to another origin (the token would go with it), an HTML or JSON reply, a
 * body that is not SQLite, fewer bytes than Content-Length, a broken or stalled connection, a
 * TLS failure; Cancel stops it. Only the HTTP side is checked here: `checkCopiedDatabase`
 * proves the file itself.
 */
export async function downloadSource(options: DownloadOptions): Promise<{ bytes: number }> {
  const who = { ...options, stallMs: options.stallMs ?? DEFAULT_STALL_MS };
  // Configuration refuses these already; checked again so no caller can send a password in a URL.
  const problem = urlSettingProblem(options.role, options.url);
  if (problem) throw new OwnerFacingError(problem, "source_invalid");
  const origin = new URL(options.url).origin;
  let current = new URL(options.url);
  const progress = { received: 0 };
  try {
    for (let redirects = 0; ; redirects++) {
      const exchange = await get(current, who);
      const { response } = exchange;
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        const next = new URL(location, current);
        if (next.origin !== origin) {
          throw downloadFailure(
            options.role,
            `was redirected to another host (${next.host}); refused, so the token goes nowhere else: set ${SOURCE_VARIABLE[options.role]} to the address the file is served at`,
            "source_redirect",
          );
        }
        if (redirects >= MAX_REDIRECTS) {
          throw downloadFailure(options.role, `was redirected more than ${MAX_REDIRECTS} times`);
        }
        current = next;
        continue;
      }
      if (status !== 200) {
        response.resume();
        throw downloadFailure(options.role, describeStatus(status, who, shownUrl(current.href)));
      }
      return await saveBody(exchange, who, progress);
    }
  } catch (error) {
    rmSync(options.dest, { force: true });
    if (error instanceof OwnerFacingError) throw error;
    if ((error as { code?: unknown })?.code === "ECANCELLED") {
      throw new OwnerFacingError(`${ROLE_LABEL[options.role]} download cancelled; nothing was kept`, "cancelled");
    }
    throw downloadFailure(options.role, describeNetworkError(error, current, who, progress.received));
  }
}

/** `broken`: why the transfer ended early, as the socket saw it (a reset), else our own stall or cancel. */
type Exchange = { response: http.IncomingMessage; broken: () => Error | undefined };

/** One GET; a stall or a cancel destroys the request and is remembered, so a broken body can say which. */
function get(url: URL, options: DownloadOptions & { stallMs: number }): Promise<Exchange> {
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    return Promise.reject(
      downloadFailure(options.role, `refused: ${shownUrl(url.href)} is neither https:// nor loopback http://`),
    );
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let stopped: Error | undefined;
    let socketError: Error | undefined;
    const stop = (error: Error) => {
      stopped ??= error;
      request.destroy(stopped);
    };
    const request = client.get(url, {
      headers: {
        accept: "application/vnd.sqlite3, application/x-sqlite3, application/octet-stream;q=0.9, */*;q=0.1",
        // Only ever the configured origin: a redirect elsewhere is refused before any request.
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.ca ? { ca: options.ca } : {}),
    });
    request.setTimeout(options.stallMs, () => stop(codeError("ESTALL", "stalled")));
    const onAbort = () => stop(codeError("ECANCELLED", "cancelled"));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    request.once("close", () => options.signal?.removeEventListener("abort", onAbort));
    request.once("socket", (socket) => socket.once("error", (error) => (socketError ??= error)));
    request.once("response", (response) => resolve({ response, broken: () => stopped ?? socketError }));
    request.on("error", (error) => reject(stopped ?? error));
  });
}

function codeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

async function saveBody(
  { response, broken }: Exchange,
  options: DownloadOptions & { stallMs: number },
  progress: { received: number },
): Promise<{ bytes: number }> {
  const lengthHeader = response.headers["content-length"];
  const expected = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  const contentType = String(response.headers["content-type"] ?? "").toLowerCase();
  const phase = `download ${options.role}${expected === null ? " (size not announced)" : ""}`;
  const file = await open(options.dest, "wx", 0o600);
  let done = 0;

  const report = () => options.onProgress?.({ phase, done, total: expected ?? done, unit: "bytes" });
  const keep = async (bytes: Buffer) => {
    await file.write(bytes);
    done += bytes.length;
    progress.received = done;
  };
  // Reported on a clock, not per chunk, so a stalled transfer shows its bytes standing still.
  // A reporter that throws (a cancelled run) is left to the signal, which stops the request.
  const ticker = setInterval(() => {
    try {
      report();
    } catch {}
  }, 500);
  try {
    report();
    // The first bytes decide whether this is a database at all, before anything is kept.
    let head: Buffer | null = Buffer.alloc(0);
    const checkHead = async (bytes: Buffer) => {
      const wrong = describeWrongBody(bytes, contentType, options);
      if (wrong) throw downloadFailure(options.role, wrong, "source_invalid");
      await keep(bytes);
    };
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        if (head) {
          head = Buffer.concat([head, chunk]);
          progress.received = head.length;
          if (head.length < SNIFF_BYTES) continue;
          await checkHead(head);
          head = null;
        } else await keep(chunk);
      }
    } catch (error) {
      if (error instanceof OwnerFacingError) throw error;
      const cause = broken() ?? error;
      const code = String((cause as { code?: unknown }).code ?? "");
      if (code === "ESTALL" || code === "ECANCELLED") throw cause;
      const why = (cause as Error).message === "aborted" ? "the connection closed early" : code || "connection error";
      throw downloadFailure(
        options.role,
        `broke off ${soFar(progress.received, expected)} (${why}); nothing was kept, try again`,
      );
    }
    if (head) await checkHead(head);
    if (expected !== null && done !== expected) {
      throw downloadFailure(
        options.role,
        `broke off ${soFar(done, expected)} (the connection closed early); nothing was kept, try again`,
      );
    }
    await file.sync();
    report();
    return { bytes: done };
  } finally {
    clearInterval(ticker);
    await file.close();
  }
}

function soFar(received: number, expected: number | null): string {
  return `after ${formatBytes(received)}${expected === null ? "" : ` of ${formatBytes(expected)}`}`;
}
