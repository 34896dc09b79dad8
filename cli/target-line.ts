import type { AppContext } from "../lib/app-context";
import { describeSsl, describeTarget } from "../lib/target/connect";

/** host:port/database, and for DATABASE_URL how the connection is protected (from its sslmode). */
export function describeTargetFor(ctx: AppContext, databaseUrl: string): string {
  return ctx.env.databaseUrl
    ? `${describeTarget(databaseUrl)} (${describeSsl(databaseUrl)})`
    : describeTarget(databaseUrl);
}
