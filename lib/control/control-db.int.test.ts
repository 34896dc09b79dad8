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
