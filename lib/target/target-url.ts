import "server-only";
import type { AppContext } from "../app-context";
import { OwnerFacingError } from "../workflow/types";
import { embeddedServerOfThisProcess, findRunningEmbeddedServer, startEmbeddedServer } from "./embedded-server";

/**
 * Where the target PostgreSQL is: DATABASE_URL, or the embedded server. The panel's process
 * started that server itself; a CLI command reuses the panel's, or starts one for its own
 * duration and stops it after.
 */
export async function resolveTargetUrl(ctx: AppContext): Promise<string> {
  if (ctx.env.databaseUrl) return ctx.env.databaseUrl;
  // The panel's own process started it (scripts/start.ts); a CLI command asks another process.
  const running =
    embeddedServerOfThisProcess(ctx.paths.postgresDir) ?? (await findRunningEmbeddedServer(ctx.paths.postgresDir));
  if (!running) {
    throw new OwnerFacingError(
      "The embedded PostgreSQL is not running: start the panel with `npm start` (or set DATABASE_URL).",
      "target_not_running",
    );
  }
  return running.url();
}

export async function withTargetForCommand<T>(ctx: AppContext, work: (databaseUrl: string) => Promise<T>): Promise<T> {
  if (ctx.env.databaseUrl) return work(ctx.env.databaseUrl);
  const server = await startEmbeddedServer(ctx.paths.postgresDir, {
    notice: (line) => process.stderr.write(`cutover: ${line}\n`),
  });
  try {
    return await work(server.url());
  } finally {
    if (server.owned) await server.stop();
  }
}
