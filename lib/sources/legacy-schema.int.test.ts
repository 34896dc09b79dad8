import Database from "better-sqlite3";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/support/temp-dir";
import { CONTENT_ALTER_CATEGORIZATION_DDL, createLegacyDatabase, legacySchemaSql } from "./legacy-schema";

const columnsOf = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);

describe("createLegacyDatabase", () => {
  const temp = makeTempDir("cutover-legacy-");
  const opened: Database.Database[] = [];
  const create = (name: string, version: "current" | "older-nas") => {
    const db = createLegacyDatabase(path.join(temp.dir, name), { version });
    opened.push(db);
    return db;
  };
  afterEach(() => opened.splice(0).forEach((db) => db.open && db.close()));

  it("creates the current schema with the ALTER-added columns last", () => {
    const db = create("current.db", "current");
    const columns = columnsOf(db, "content");
    expect(columns.slice(-4)).toEqual(["summary", "subcategory", "subcategories_json", "analysis"]);
    expect(columns).toHaveLength(32);
    expect(columnsOf(db, "content_summaries")).toContain("content_id");
    expect(columnsOf(db, "summary_variants")).toContain("is_latest");
  });

  it("creates the older NAS schema without the Dashboard's categorization columns", () => {
    const db = create("older.db", "older-nas");
    const columns = columnsOf(db, "content");
    expect(columns.at(-1)).toBe("summary");
    for (const statement of CONTENT_ALTER_CATEGORIZATION_DDL) {
      expect(columns).not.toContain(statement.split(" ").at(-2));
    }
    expect(columnsOf(db, "summary_variants")).toContain("revision");
  });

  it("keeps one latest variant per insert, rejects revision 0 and duplicate revisions", () => {
    const db = create("variants.db", "current");
    const insert = db.prepare(
      "INSERT INTO summary_variants (video_id, variant_type, revision, content, created_at) VALUES (?, ?, ?, ?, ?)",
    );
    insert.run("dQw4w9WgXcQ", "comprehensive", 1, "first", "2025-01-01 00:00:00");
    insert.run("dQw4w9WgXcQ", "comprehensive", 2, "second", "2025-01-02 00:00:00");
    insert.run("dQw4w9WgXcQ", "bullet_points", 1, "- a", "2025-01-02 00:00:00");
    const latest = db
      .prepare("SELECT variant_type, revision FROM summary_variants WHERE is_latest = 1 ORDER BY id")
      .all();
    expect(latest).toEqual([
      { variant_type: "comprehensive", revision: 2 },
      { variant_type: "bullet_points", revision: 1 },
    ]);
    expect(() => insert.run("dQw4w9WgXcQ", "comprehensive", 0, "zero", "2025-01-03 00:00:00")).toThrow(/CHECK/);
    expect(() => insert.run("dQw4w9WgXcQ", "comprehensive", 2, "again", "2025-01-03 00:00:00")).toThrow(/UNIQUE/);
  });

  it("keeps an epoch written as a number an INTEGER in the summary tables' TIMESTAMP columns", () => {
    const db = create("affinity.db", "current");
    db.prepare("INSERT INTO content (id, indexed_at) VALUES (?, ?)").run("yt:x", 1735689600);
    db.prepare("INSERT INTO content_summaries (content_id, summary_text, created_at) VALUES (?, ?, ?)").run(
      "yt:x",
      "t",
      1735689600,
    );
    expect(db.prepare("SELECT typeof(created_at) FROM content_summaries").pluck().get()).toBe("integer");
    expect(db.prepare("SELECT typeof(indexed_at) FROM content").pluck().get()).toBe("text");
  });

  it("refuses to touch a file that already has a content table", () => {
    create("existing.db", "current").close();
    expect(() => create("existing.db", "current")).toThrow(/already has a content table/);
  });

  it("renders each version as one SQL script that sqlite accepts", () => {
    for (const version of ["current", "older-nas"] as const) {
      const db = new Database(":memory:");
      db.exec(legacySchemaSql(version));
      expect(columnsOf(db, "content").includes("analysis")).toBe(version === "current");
      db.close();
    }
  });
});
