import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/support/postgres";
import { compatiblePostgresTypes, readPrismaModels } from "../../../test/support/prisma-schema";
import { applySchema } from "./apply";
import { readCatalog, type CatalogSnapshot } from "./catalog";

const models = readPrismaModels(new URL("../../../prisma/target/schema.prisma", import.meta.url).pathname);

describe("the Prisma model of the target agrees with the applied schema", () => {
  let db: TestDatabase;
  let catalog: CatalogSnapshot;
  beforeAll(async () => {
    db = await createTestDatabase("prisma");
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await applySchema(client);
    catalog = await readCatalog(client);
    await client.end();
  });
  afterAll(() => db?.drop());

  it("has a table for every model", () => {
    for (const model of models) expect(catalog.relations[model.table], model.table).toBe("r");
  });

  it("has every scalar field's column, with the same nullability and a compatible type", () => {
    for (const model of models) {
      for (const field of model.fields.filter((f) => !f.isRelation)) {
        const key = `${model.table}.${field.column}`;
        const column = catalog.columns[key];
        expect(column, key).toBeDefined();
        expect({ key, notNull: column!.notNull }).toEqual({ key, notNull: !field.optional });
        expect(compatiblePostgresTypes(field), key).toContain(column!.type);
      }
    }
  });

  it("models every table and column the schema step created", () => {
    const modelled = new Set(
      models.flatMap((m) => m.fields.filter((f) => !f.isRelation).map((f) => `${m.table}.${f.column}`)),
    );
    const tables = Object.entries(catalog.relations)
      .filter(([, kind]) => kind === "r")
      .map(([name]) => name);
    expect(tables.sort()).toEqual(models.map((m) => m.table).sort());
    expect(Object.keys(catalog.columns).filter((c) => !modelled.has(c))).toEqual([]);
  });
});
