import "server-only";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/control/client";

export type ControlDb = PrismaClient;

/** Creates the control DB's tables from the SQL the app owns; safe to run on every start. */
export function applyControlSchema(file: string, projectRoot: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const ddl = readFileSync(path.join(projectRoot, "prisma", "control", "schema.sql"), "utf8");
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(ddl);
  } finally {
    db.close();
  }
}

const clients = globalThis as unknown as { __cutoverControlDbs?: Map<string, ControlDb> };

/** One Prisma client per control DB file per process (dev reloads reuse it). */
export function openControlDb(file: string, projectRoot: string): ControlDb {
  clients.__cutoverControlDbs ??= new Map();
  const existing = clients.__cutoverControlDbs.get(file);
  if (existing) return existing;
  applyControlSchema(file, projectRoot);
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 });
  const client = new PrismaClient({ adapter });
  clients.__cutoverControlDbs.set(file, client);
  return client;
}

export async function closeControlDb(file: string) {
  const client = clients.__cutoverControlDbs?.get(file);
  if (!client) return;
  clients.__cutoverControlDbs?.delete(file);
  await client.$disconnect();
}
