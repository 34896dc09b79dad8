import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderDdl } from "./ddl";
import { RETIRED_OBJECTS, SCHEMA_OBJECTS } from "./definition";

describe("ddl.sql", () => {
  it("is exactly what the schema definition renders (regenerate with prisma/target/generate-ddl.ts)", () => {
    const file = readFileSync(new URL("../../../prisma/target/ddl.sql", import.meta.url), "utf8");
    expect(file).toBe(renderDdl());
  });

  it("guards every statement so running it again is harmless", () => {
    for (const object of SCHEMA_OBJECTS) {
      expect(object.sql, object.name).toMatch(/IF NOT EXISTS|CREATE OR REPLACE FUNCTION/);
      for (const upgrade of object.upgrades ?? []) {
        expect(upgrade.sql, object.name).toMatch(/^DO \$\$ BEGIN\n {2}IF EXISTS|IF \(SELECT|DROP NOT NULL;$/);
      }
    }
    for (const retired of RETIRED_OBJECTS) expect(retired.sql, retired.name).toMatch(/IF EXISTS/);
  });

  it("names every object once", () => {
    const names = [...SCHEMA_OBJECTS, ...RETIRED_OBJECTS].map((o) => `${o.kind} ${o.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it("removes only what loosens (a CHECK, a NOT NULL, a replaced trigger or function), never a table, column, index or row", () => {
    const ddl = renderDdl();
    expect(ddl).not.toMatch(
      /\bTRUNCATE\b|DELETE FROM|DROP (TABLE|COLUMN|INDEX|VIEW|SCHEMA)|ALTER COLUMN \S+ (TYPE|SET)/i,
    );
    const drops = ddl.match(/DROP (NOT NULL|TRIGGER|CONSTRAINT|FUNCTION IF EXISTS|\w+)/g) ?? [];
    expect(new Set(drops)).toEqual(
      new Set(["DROP NOT NULL", "DROP TRIGGER", "DROP CONSTRAINT", "DROP FUNCTION IF EXISTS"]),
    );
    // a trigger is dropped only to be created again right after, in the same block
    for (const block of ddl.split("\n\n").filter((b) => b.includes("DROP TRIGGER"))) {
      expect(block).toMatch(/DROP TRIGGER (\S+) ON \S+;\n\s+CREATE TRIGGER \1 /);
    }
  });
});
