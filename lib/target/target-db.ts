import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/target/client";
import { targetConnectionConfig } from "./connect";

/**
 * Typed reads of the target PostgreSQL (flags, quarantine, parity log). DDL never goes
 * through here: the Schema step owns it as raw SQL in lib/target/schema/.
 */
export type TargetDb = PrismaClient;

const clients = globalThis as unknown as { __cutoverTargetDbs?: Map<string, TargetDb> };

/** One client per URL per process: the embedded server's URL changes when its port does. */
export function getTargetDb(databaseUrl: string): TargetDb {
  clients.__cutoverTargetDbs ??= new Map();
  const existing = clients.__cutoverTargetDbs.get(databaseUrl);
  if (existing) return existing;
  // A small pool with a short connect timeout: these are occasional reads, and an unreachable
  // target should fail fast rather than hold a page open.
  const adapter = new PrismaPg({ ...targetConnectionConfig(databaseUrl), max: 2, connectionTimeoutMillis: 5_000 });
  const client = new PrismaClient({ adapter });
  clients.__cutoverTargetDbs.set(databaseUrl, client);
  return client;
}

/** The CLI closes its client before it stops an embedded server it started. */
export async function closeTargetDb(databaseUrl: string) {
  const client = clients.__cutoverTargetDbs?.get(databaseUrl);
  if (!client) return;
  clients.__cutoverTargetDbs?.delete(databaseUrl);
  await client.$disconnect();
}
