import http from "node:http";
import net from "node:net";
import { allowedHosts, isAllowedHost } from "../auth/host-check";
import { OwnerFacingError } from "../workflow/types";

export type WebServer = { close(): Promise<void> };

const portInUse = (host: string, port: number) =>
  new OwnerFacingError(`Port ${port} on ${host} is in use; set PORT to a free port and start again.`);

/** Checked before anything starts, so a busy port costs no PostgreSQL start and no build. */
export async function assertPortFree(host: string, port: number) {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? portInUse(host, port) : error),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * The panel's Next.js server, in this process (Next's programmatic API) rather than a child:
 * the process that holds the data dir's lock and owns the embedded PostgreSQL is the one that
 * serves, so a signal to it stops everything, and killing it outright leaves no web server
 * answering. Every request is checked against the panel's own host first (host-check.ts).
 */
export async function startWebServer(options: {
  dev: boolean;
  dir: string;
  host: string;
  port: number;
}): Promise<WebServer> {
  const { default: next } = await import("next");
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const allowed = allowedHosts(options.host, options.port);

  const server = http.createServer((request, response) => {
    if (!isAllowedHost(request.headers.host, allowed)) {
      response.writeHead(421, { "content-type": "text/plain; charset=utf-8", connection: "close" });
      response.end(
        `This panel answers only at http://${[...allowed][0]}/ (Host "${request.headers.host ?? ""}" refused).\n`,
      );
      return;
    }
    handle(request, response).catch((error: unknown) => {
      console.error("[cutover] request failed:", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new OwnerFacingError(
              `Port ${options.port} on ${options.host} is in use; set PORT to a free port and start again.`,
            )
          : error,
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });

  return {
    async close() {
      // Requests in flight get a moment to finish; idle keep-alive connections go at once.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), 3_000);
      await closed;
      clearTimeout(grace);
      await app.close();
    },
  };
}
