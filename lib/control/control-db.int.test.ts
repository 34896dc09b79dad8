import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPrismaModels } from "../../test/support/prisma-schema";
import { makeTempDir } from "../../test/support/temp-dir";
import { applyControlSchema } from "./control-db";

/** SQLite type affinity each Prisma scalar is stored with in the control DB. */
const SQLITE_TYPES: Record<string, string[]> = {
  String: ["TEXT"],
  Int: ["INTEGER"],
  BigInt: ["INTEGER"],
  Boolean: ["BOOLEAN"],
  Float: ["REAL"],
};

const models = readPrismaModels(new URL("../../prisma/control/schema.prisma", import.meta.url).pathname);

describe("the control DB created from prisma/control/schema.sql agrees with the Prisma model", () => {
  const temp = makeTempDir();
  let db: Database.Database;
  beforeAll(() => {
    const file = `${temp.dir}/control.db`;
    applyControlSchema(file, process.cwd());
    applyControlSchema(file, process.cwd()); // idempotent: a second start changes nothing
    db = new Database(file, { readonly: true });
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  function columnsOf(table: string) {
    return db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }>;
  }

  it("has exactly the model's tables", () => {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{
        name: string;
      }>
    ).map((t) => t.name);
    expect(tables.sort()).toEqual(models.map((m) => m.table).sort());
  });

  it("has every scalar field as a column with the same type and nullability, and no other column", () => {
    for (const model of models) {
      const live = columnsOf(model.table);
      const scalars = model.fields.filter((f) => !f.isRelation);
      expect(live.map((c) => c.name).sort(), model.table).toEqual(scalars.map((f) => f.column).sort());
      for (const field of scalars) {
        const column = live.find((c) => c.name === field.column)!;
        const key = `${model.table}.${field.column}`;
        expect(SQLITE_TYPES[field.type], key).toContain(column.type.toUpperCase());
        const notNull = column.notnull === 1 || column.pk === 1;
        expect({ key, notNull }).toEqual({ key, notNull: !field.optional });
      }
    }
  });
});

describe("an older data dir's control DB", () => {
  it("gets the columns added since its tables were created, and keeps its rows", () => {
    const temp = makeTempDir();
    try {
      const file = `${temp.dir}/control.db`;
      const old = new Database(file);
      old.exec(`CREATE TABLE lease (name TEXT PRIMARY KEY, holder TEXT NOT NULL, pid INTEGER NOT NULL,
        action TEXT NOT NULL, acquired_at TEXT NOT NULL, expires_at TEXT NOT NULL)`);
      old.prepare("INSERT INTO lease VALUES ('workflow', 'h', 1, 'a', 'x', 'y')").run();
      old.close();
      applyControlSchema(file, process.cwd());
      const db = new Database(file, { readonly: true });
      const columns = (db.prepare(`PRAGMA table_info("lease")`).all() as Array<{ name: string }>).map((c) => c.name);
      expect(columns).toContain("process_started");
      expect(db.prepare("SELECT holder, process_started FROM lease").get()).toEqual({
        holder: "h",
        process_started: null,
      });
      db.close();
    } finally {
      temp.cleanup();
    }
  });
});
