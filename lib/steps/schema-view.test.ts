import { describe, expect, it } from "vitest";
import type { PlanItem, SchemaPlan } from "../target/schema/plan";
import { applyConfirmation, planRows } from "./schema-view";

function plan(items: Array<Omit<PlanItem, "sql">>): SchemaPlan {
  const withSql = items.map((item) => ({ ...item, sql: "--" }));
  const count = (state: PlanItem["state"]) => items.filter((item) => item.state === state).length;
  return {
    items: withSql,
    counts: {
      present: count("present"),
      missing: count("missing"),
      outdated: count("outdated"),
      different: count("different"),
      unavailable: count("unavailable"),
    },
    conflicts: withSql.filter((item) => item.state === "different"),
    statements: [],
  };
}

describe("planRows", () => {
  it("says a missing table's columns and constraints come with the table", () => {
    const rows = planRows(
      plan([
        { kind: "table", name: "content", state: "missing" },
        { kind: "column", name: "content.video_id", table: "content", state: "missing" },
        { kind: "constraint", name: "content_pkey", table: "content", state: "missing" },
        { kind: "index", name: "content_indexed_at_idx", table: "content", state: "missing" },
      ]),
    );
    expect(rows.map((row) => row.note)).toEqual([
      "created by apply",
      "created with table content",
      "created with table content",
      "created by apply",
    ]);
  });

  it("says a missing column of an existing table is added by apply", () => {
    const rows = planRows(
      plan([
        { kind: "table", name: "content", state: "present" },
        { kind: "column", name: "content.summary", table: "content", state: "missing" },
      ]),
    );
    expect(rows.map((row) => [row.state, row.note])).toEqual([
      ["present", "already there, left as it is"],
      ["missing", "created by apply"],
    ]);
  });

  it("carries a conflict's reason, and a table of null when the object has none", () => {
    const [row] = planRows(
      plan([{ kind: "view", name: "v_latest_summaries", state: "different", reason: "exists as a table, not a view" }]),
    );
    expect(row).toEqual({
      kind: "view",
      name: "v_latest_summaries",
      table: null,
      state: "different",
      note: "exists as a table, not a view",
    });
  });
});

describe("applyConfirmation", () => {
  it("names the count and the target, and that nothing is destroyed", () => {
    expect(applyConfirmation(98, "127.0.0.1:5432/ytv2")).toBe(
      "This will create 98 objects in 127.0.0.1:5432/ytv2, in one transaction. Nothing is dropped or altered.",
    );
    expect(applyConfirmation(1, "h/db")).toContain("create 1 object in h/db");
  });

  it("says what bringing an earlier version's objects forward removes, and what it never does", () => {
    expect(applyConfirmation(2, "h/db", 5)).toBe(
      "This will create 2 objects and bring 5 objects an earlier version of this tool made up to date in h/db, in one transaction. Only constraints the YTV2 contract rules out (a CHECK, a NOT NULL) and replaced trigger functions are removed; no table, column, index or row is.",
    );
  });

  it("says a repeated apply creates nothing", () => {
    expect(applyConfirmation(0, "h/db")).toMatch(/^Every object is already present in h\/db: this creates nothing/);
  });
});
