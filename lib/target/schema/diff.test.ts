import { describe, expect, it } from "vitest";
import type { CatalogSnapshot } from "./catalog";
import { diffCatalog, normalizeDefinition } from "./diff";
import {
  extensionIndexObject,
  indexObject,
  retiredCheck,
  retiredFunction,
  tableObjects,
  triggerFunctionObject,
  triggerObject,
  triggerUpgrade,
  viewObject,
} from "./objects";
import { itemsToCreate } from "./plan";

const emptyCatalog = (): CatalogSnapshot => ({
  relations: {},
  columns: {},
  constraints: [],
  indexes: {},
  triggers: {},
  functions: {},
  viewColumns: {},
  extensions: { installed: [], available: [] },
});

const table = tableObjects({
  name: "t",
  columns: [
    { name: "k", type: "text", notNull: true },
    { name: "n", type: "bigint" },
  ],
  constraints: [
    { name: "t_pkey", kind: "primary", columns: ["k"] },
    { name: "t_k_check", kind: "check", expression: "k ~ '^[A-Z]$'" },
  ],
});

function presentCatalog(): CatalogSnapshot {
  return {
    ...emptyCatalog(),
    relations: { t: "r" },
    columns: { "t.k": { type: "text", notNull: true }, "t.n": { type: "bigint", notNull: false } },
    constraints: [
      { table: "t", name: "t_pkey", contype: "p", definition: "PRIMARY KEY (k)" },
      { table: "t", name: "t_k_check", contype: "c", definition: "CHECK ((k ~ '^[A-Z]$'::text))" },
    ],
  };
}

const stateOf = (catalog: CatalogSnapshot, name: string, objects = table) =>
  diffCatalog(objects, catalog).find((i) => i.name === name)!;

describe("normalizeDefinition", () => {
  it("treats PostgreSQL's printed form and ours as the same", () => {
    expect(normalizeDefinition("CHECK ((k ~ '^[A-Z]$'::text))")).toBe(normalizeDefinition("CHECK (k ~ '^[A-Z]$')"));
    expect(normalizeDefinition("CREATE INDEX i ON public.t USING btree (a DESC)")).toBe(
      normalizeDefinition("CREATE INDEX IF NOT EXISTS i ON t USING btree (a DESC);"),
    );
    expect(normalizeDefinition("CHECK ((r = ANY (ARRAY['a'::text, 'b'::text])))")).toBe(
      normalizeDefinition("CHECK (r = ANY (ARRAY['a', 'b']))"),
    );
  });

  it("keeps the case of literals, so [A-Z] and [a-z] differ", () => {
    expect(normalizeDefinition("CHECK (k ~ '^[A-Z]$')")).not.toBe(normalizeDefinition("CHECK (k ~ '^[a-z]$')"));
  });
});

describe("diffCatalog", () => {
  it("reports every object missing on an empty catalog, and a missing table's CREATE covers its parts", () => {
    const items = diffCatalog(table, emptyCatalog());
    expect(items.map((i) => i.state)).toEqual(["missing", "missing", "missing", "missing", "missing"]);
    expect(itemsToCreate(items).map((i) => i.name)).toEqual(["t"]);
  });

  it("reports every object present when the catalog matches", () => {
    expect(diffCatalog(table, presentCatalog()).every((i) => i.state === "present")).toBe(true);
  });

  it("creates only the missing column of an existing table", () => {
    const catalog = presentCatalog();
    delete catalog.columns["t.n"];
    expect(itemsToCreate(diffCatalog(table, catalog)).map((i) => i.name)).toEqual(["t.n"]);
  });

  it("flags a column of another type as a conflict with a reason", () => {
    const catalog = presentCatalog();
    catalog.columns["t.k"] = { type: "integer", notNull: true };
    expect(stateOf(catalog, "t.k")).toMatchObject({ state: "different", reason: "t.k is integer, expected text" });
  });

  it("flags a nullability mismatch as a conflict", () => {
    const catalog = presentCatalog();
    catalog.columns["t.n"] = { type: "bigint", notNull: true };
    expect(stateOf(catalog, "t.n")).toMatchObject({ state: "different", reason: "t.n is NOT NULL, expected nullable" });
  });

  it("flags a constraint with another definition, and finds a primary key under any name", () => {
    const catalog = presentCatalog();
    catalog.constraints = [
      { table: "t", name: "legacy_pk", contype: "p", definition: "PRIMARY KEY (n)" },
      { table: "t", name: "t_k_check", contype: "c", definition: "CHECK ((k ~ '^[a-z]$'::text))" },
    ];
    expect(stateOf(catalog, "t_pkey").state).toBe("different");
    expect(stateOf(catalog, "t_pkey").reason).toContain("legacy_pk PRIMARY KEY (n)");
    expect(stateOf(catalog, "t_k_check").state).toBe("different");
  });

  it("flags a view where a table should be", () => {
    expect(stateOf({ ...emptyCatalog(), relations: { t: "v" } }, "t")).toMatchObject({
      state: "different",
      reason: "t exists as a view, not a table",
    });
  });

  it("compares indexes, triggers, functions and views", () => {
    const objects = [
      indexObject("t_n_idx", "t", "CREATE INDEX t_n_idx ON t USING btree (n DESC)"),
      triggerFunctionObject("f", "\nBEGIN RETURN NEW; END\n"),
      triggerObject("t_f", "t", "CREATE TRIGGER t_f BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()"),
      viewObject("v", ["k"], "SELECT k FROM t"),
    ];
    const catalog: CatalogSnapshot = {
      ...emptyCatalog(),
      relations: { v: "v", t_n_idx: "i" },
      indexes: { t_n_idx: { table: "t", definition: "CREATE INDEX t_n_idx ON public.t USING btree (n)" } },
      functions: { "f()": "BEGIN RETURN NULL; END" },
      triggers: { "t.t_f": "CREATE TRIGGER t_f BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION f()" },
      viewColumns: { v: ["k", "n"] },
    };
    const items = diffCatalog(objects, catalog);
    expect(items.map((i) => [i.name, i.state])).toEqual([
      ["t_n_idx", "different"],
      ["f()", "different"],
      ["t_f", "present"],
      ["v", "different"],
    ]);
  });
});

describe("bringing an earlier version's objects forward", () => {
  const spec = {
    name: "t",
    columns: [
      { name: "k", type: "text" as const, notNull: true },
      { name: "n", type: "bigint" as const, wasNotNull: true },
    ],
    constraints: [
      { name: "t_pkey", kind: "primary" as const, columns: ["k"] },
      {
        name: "t_k_check",
        kind: "check" as const,
        expression: "k = ANY (ARRAY['a', 'b'])",
        wasExpression: "k = ANY (ARRAY['a'])",
      },
    ],
  };
  const objects = tableObjects(spec);
  const earlier = (): CatalogSnapshot => ({
    ...emptyCatalog(),
    relations: { t: "r" },
    columns: { "t.k": { type: "text", notNull: true }, "t.n": { type: "bigint", notNull: true } },
    constraints: [
      { table: "t", name: "t_pkey", contype: "p", definition: "PRIMARY KEY (k)" },
      { table: "t", name: "t_k_check", contype: "c", definition: "CHECK ((k = ANY (ARRAY['a'::text])))" },
    ],
  });

  it("drops a NOT NULL an earlier version set, and never adds one", () => {
    expect(stateOf(earlier(), "t.n", objects)).toMatchObject({
      state: "outdated",
      sql: "ALTER TABLE t ALTER COLUMN n DROP NOT NULL;",
    });
    const tightened = earlier();
    tightened.columns["t.k"] = { type: "text", notNull: false };
    expect(stateOf(tightened, "t.k", objects).state).toBe("different");
  });

  it("widens a CHECK only from the shape an earlier version wrote", () => {
    const item = stateOf(earlier(), "t_k_check", objects);
    expect(item.state).toBe("outdated");
    expect(item.sql).toContain(
      "ALTER TABLE t DROP CONSTRAINT t_k_check, ADD CONSTRAINT t_k_check CHECK (k = ANY (ARRAY['a', 'b']));",
    );
    const someoneElses = earlier();
    someoneElses.constraints[1] = {
      table: "t",
      name: "t_k_check",
      contype: "c",
      definition: "CHECK ((k = 'z'::text))",
    };
    expect(stateOf(someoneElses, "t_k_check", objects).state).toBe("different");
  });

  it("re-points a trigger that calls the earlier function, and leaves another one a conflict", () => {
    const definition = "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch_updated_at()";
    const trigger = {
      ...triggerObject("t_touch", "t", definition),
      upgrades: [triggerUpgrade("t_touch", "t", "old_touch()", definition)],
    };
    const catalog = (fn: string): CatalogSnapshot => ({
      ...emptyCatalog(),
      triggers: { "t.t_touch": `CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION ${fn}` },
    });
    const item = diffCatalog([trigger], catalog("old_touch()"))[0]!;
    expect(item.state).toBe("outdated");
    expect(item.sql).toContain("tgfoid = to_regprocedure('old_touch()')");
    expect(item.sql).toContain(`DROP TRIGGER t_touch ON t;\n    ${definition};`);
    expect(diffCatalog([trigger], catalog("someone_elses()"))[0]!.state).toBe("different");
  });

  it("lists a retired object only while the catalog has it, outdated in its earlier shape, else a conflict", () => {
    const retired = [
      retiredCheck("t", "t_old_check", "k ~ '^x$'", "dropped: too strict"),
      retiredFunction("old_touch", "\nBEGIN RETURN NEW; END\n", "dropped: replaced"),
    ];
    expect(diffCatalog([], emptyCatalog(), retired)).toEqual([]);
    const catalog: CatalogSnapshot = {
      ...emptyCatalog(),
      constraints: [{ table: "t", name: "t_old_check", contype: "c", definition: "CHECK ((k ~ '^x$'::text))" }],
      functions: { "old_touch()": "BEGIN RETURN NULL; END" },
    };
    const items = diffCatalog([], catalog, retired);
    expect(items.map((i) => [i.name, i.state])).toEqual([
      ["t_old_check", "outdated"],
      ["old_touch()", "different"],
    ]);
    expect(items[0]!.sql).toContain("ALTER TABLE t DROP CONSTRAINT t_old_check;");
    expect(itemsToCreate(items).map((i) => i.name)).toEqual(["t_old_check"]);
  });

  it("says an index whose extension the server lacks is left out, and creates the extension where it can", () => {
    const index = extensionIndexObject("t_trgm", "t", "CREATE INDEX t_trgm ON t USING gin (k gin_trgm_ops)", "pg_trgm");
    const without = diffCatalog([index], emptyCatalog())[0]!;
    expect(without.state).toBe("unavailable");
    expect(without.reason).toMatch(/does not have the pg_trgm extension/);
    expect(itemsToCreate([without])).toEqual([]);
    const withIt = diffCatalog([index], {
      ...emptyCatalog(),
      extensions: { installed: [], available: ["pg_trgm"] },
    })[0]!;
    expect(withIt.state).toBe("missing");
    expect(withIt.sql).toContain("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
  });
});
