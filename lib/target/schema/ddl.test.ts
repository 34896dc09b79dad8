import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderDdl } from "./ddl";
import { SCHEMA_OBJECTS } from "./definition";

describe("ddl.sql", () => {
  it("is exactly what the schema definition renders (regenerate with prisma/target/generate-ddl.ts)", () => {
    const file = readFileSync(new URL("../../../prisma/target/ddl.sql", import.meta.url), "utf8");
    expect(file).toBe(renderDdl());
  });

  it("guards every statement so running it again is harmless", () => {
    for (const object of SCHEMA_OBJECTS) {
      expect(object.sql, object.name).toMatch(/IF NOT EXISTS|CREATE OR REPLACE FUNCTION/);
    }
  });

  it("names every object once", () => {
    const names = SCHEMA_OBJECTS.map((o) => `${o.kind} ${o.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it("never drops, truncates or alters a column's type", () => {
    expect(renderDdl()).not.toMatch(/\bDROP\b|\bTRUNCATE\b|ALTER COLUMN|DELETE FROM/i);
  });
});
