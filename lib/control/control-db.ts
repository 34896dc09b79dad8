import "server-only";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { type Prisma, PrismaClient } from "../../generated/control/client";

export type ControlDb = PrismaClient;
/** The client inside a control-DB transaction; a function taking it also takes the plain client. */
export type ControlTx = Prisma.TransactionClient;

/** Creates the control DB's tables from the SQL the app owns; safe to run on every start. */
export function applyControlSchema(file: string, projectRoot: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const ddl = readFileSync(path.join(projectRoot, "prisma", "control", "schema.sql"), "utf8");
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(ddl);
    addMissingColumns(db);
  } finally {
    db.close();
  }
}

/** Columns added after a table's first version: CREATE TABLE IF NOT EXISTS leaves an older data dir's table as it was. */
const ADDED_COLUMNS = [
  { table: "lease", column: "process_started", type: "TEXT" },
  { table: "copy_run", column: "load_mode", type: "TEXT" },
];

function addMissingColumns(db: Database.Database) {
  for (const { table, column, type } of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE "${table}" ADD COLUMN "${column}" ${type}`);
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

/**
 * One write transaction on the control DB, for a change that writes several rows and its audit
 * entry: all of them or none. SQLite's BEGIN is deferred, and a transaction that reads first
 * fails when the panel or a CLI commits in between (SQLITE_BUSY on the upgrade to a write). A
 * write that changes nothing, as the first statement, takes the write lock up front (waiting
 * out the busy timeout), so every read inside sees the latest state and the writes cannot fail
 * for that reason. Keep `work` short: it holds every other writer off.
 */
export async function controlTransaction<T>(db: ControlDb, work: (tx: ControlTx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("UPDATE lease SET name = name WHERE 0");
      return work(tx);
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
}
