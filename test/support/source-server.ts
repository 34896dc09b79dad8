import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";

/**
 * A stand-in for the Dashboard's `GET /api/download-database` (YTV2-CONTRACT.md §4), on
 * 127.0.0.1 in the test: serves a real SQLite file behind a bearer check, or one of the ways a
 * real host goes wrong (`behaviour`). Every request is recorded with its Authorization header,
 * so a test can prove where the token went.
 */
export type Behaviour =
  | "ok"
  | "no-length"
  | { status: number }
  | { redirectTo: string }
  | "html"
  | "json"
  | "truncate"
  | "reset"
  | "stall"
  | { body: Buffer; type?: string };

export const DOWNLOAD_PATH = "/api/download-database";
/** Always serves the file: where a same-origin redirect may point. */
export const FINAL_PATH = "/api/download-database/final";

export type SourceServer = {
  url: string;
  origin: string;
  requests: Array<{ path: string; authorization: string | undefined }>;
  behaviour: Behaviour;
  /** the file served; replace it to change the "live" source */
  file: string;
  close(): Promise<void>;
};

export async function startSourceServer(options: {
  file: string;
  token: string | null;
  tls?: { key: string; cert: string };
}): Promise<SourceServer> {
  const state: SourceServer = {
    url: "",
    origin: "",
    requests: [],
    behaviour: "ok",
    file: options.file,
    close: async () => undefined,
  };
  const handler: http.RequestListener = (request, response) => {
    state.requests.push({ path: request.url ?? "", authorization: request.headers.authorization });
    const route = request.url?.split("?")[0];
    if (route !== DOWNLOAD_PATH && route !== FINAL_PATH) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (options.token !== null && request.headers.authorization !== `Bearer ${options.token}`) {
      response.writeHead(401, { "content-type": "application/json" }).end('{"error":"Unauthorized"}');
      return;
    }
    serve(route === FINAL_PATH ? "ok" : state.behaviour, readFileSync(state.file), response);
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  state.origin = `${options.tls ? "https" : "http"}://127.0.0.1:${port}`;
  state.url = `${state.origin}${DOWNLOAD_PATH}`;
  state.close = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}

function serve(behaviour: Behaviour, bytes: Buffer, response: http.ServerResponse) {
  const sqlite = { "content-type": "application/octet-stream" };
  if (behaviour === "ok") {
    response.writeHead(200, { ...sqlite, "content-length": bytes.length }).end(bytes);
  } else if (behaviour === "no-length") {
    response.writeHead(200, sqlite);
    response.end(bytes);
  } else if (behaviour === "html") {
    response
      .writeHead(200, { "content-type": "text/html; charset=utf-8" })
      .end("<!doctype html><html><head><title>Sign in · YTV2</title></head><body>Please sign in</body></html>");
  } else if (behaviour === "json") {
    response.writeHead(200, { "content-type": "application/json" }).end('{"error":"database not ready"}');
  } else if (behaviour === "truncate" || behaviour === "reset" || behaviour === "stall") {
    response.writeHead(200, { ...sqlite, "content-length": bytes.length });
    response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => {
      if (behaviour === "truncate") response.socket?.end();
      // A reset right after the write can reach the client as a plain close; a moment later it is a reset.
      else if (behaviour === "reset") setTimeout(() => response.socket?.resetAndDestroy(), 50);
      // "stall": the rest never comes; the socket stays open until the client gives up.
    });
  } else if ("status" in behaviour) {
    response.writeHead(behaviour.status, { "content-type": "text/plain" }).end(`status ${behaviour.status}`);
  } else if ("redirectTo" in behaviour) {
    response.writeHead(302, { location: behaviour.redirectTo }).end();
  } else {
    response.writeHead(200, { "content-type": behaviour.type ?? "application/octet-stream" }).end(behaviour.body);
  }
}

/** A self-signed certificate for 127.0.0.1, made with openssl in the test's own folder. */
export function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
}
