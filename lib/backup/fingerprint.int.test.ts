import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/support/temp-dir";
import { fingerprintDatabase } from "./fingerprint";
import { createLegacyDb } from "@/test/support/legacy-fixtures";

async function fingerprintOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return await fingerprintDatabase(db);
  } finally {
    db.close();
  }
}

describe("logical fingerprint", () => {
  const temps: Array<{ cleanup(): void }> = [];
  afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));
  const tempDir = () => {
    const temp = makeTempDir();
    temps.push(temp);
    return temp.dir;
  };

  it("does not change with VACUUM or a different page size", async () => {
    const file = path.join(tempDir(), "a.db");
    createLegacyDb(file, { rows: 300 });
    const db = new Database(file);
    db.exec("DELETE FROM content WHERE rowid % 3 = 0; DELETE FROM summary_variants WHERE id % 3 = 0");
    db.close();
    const before = await fingerprintOf(file);
    const rewrite = new Database(file);
    rewrite.pragma("page_size = 1024");
    rewrite.exec("VACUUM");
    rewrite.close();
    expect(await fingerprintOf(file)).toEqual(before);
  });

  it("depends on the data, not the order rows were inserted in", async () => {
    const dir = tempDir();
    const make = (file: string, ids: string[]) => {
      const db = new Database(file);
      db.exec(
        "CREATE TABLE content (id TEXT PRIMARY KEY, title TEXT); CREATE TABLE tags (k TEXT, n INT, PRIMARY KEY (k, n)) WITHOUT ROWID",
      );
      for (const id of ids) db.prepare("INSERT INTO content VALUES (?, ?)").run(id, `t-${id}`);
      for (const id of ids) db.prepare("INSERT INTO tags VALUES (?, ?)").run(id, id.length);
      db.close();
    };
    make(path.join(dir, "a.db"), ["b", "a", "C", "é"]);
    make(path.join(dir, "b.db"), ["é", "C", "a", "b"]);
    expect(await fingerprintOf(path.join(dir, "a.db"))).toEqual(await fingerprintOf(path.join(dir, "b.db")));
  });

  it("changes when one value changes, even beyond 2^53, and names the table's counts", async () => {
    const file = path.join(tempDir(), "a.db");
    createLegacyDb(file, { rows: 10 });
    const before = await fingerprintOf(file);
    const db = new Database(file);
    db.defaultSafeIntegers(true);
    db.prepare("UPDATE content SET view_count = view_count + 1 WHERE id = 'yt:vid00000003'").run();
    db.close();
    const after = await fingerprintOf(file);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    const changed = after.tables.filter((table, i) => table.fingerprint !== before.tables[i]!.fingerprint);
    expect(changed.map((table) => table.name)).toEqual(["content"]);
    expect(after.tables.map((table) => [table.name, table.rowCount])).toEqual([
      ["content", 10],
      ["content_summaries", 0],
      ["summary_variants", 10],
    ]);
  });

  it("tells text '1' from integer 1 in the same column", async () => {
    const dir = tempDir();
    for (const [name, value] of [
      ["a.db", "1"],
      ["b.db", 1],
    ] as const) {
      const db = new Database(path.join(dir, name));
      db.exec("CREATE TABLE content (id INTEGER PRIMARY KEY, v)");
      db.prepare("INSERT INTO content VALUES (1, ?)").run(value);
      db.close();
    }
    const [a, b] = [await fingerprintOf(path.join(dir, "a.db")), await fingerprintOf(path.join(dir, "b.db"))];
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });

  it("reads a table by its primary key index, not by sorting it", () => {
    const file = path.join(tempDir(), "a.db");
    createLegacyDb(file, { rows: 3 });
    const db = new Database(file, { readonly: true });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM content ORDER BY "id" COLLATE BINARY, rowid`)
      .all() as Array<{ detail: string }>;
    db.close();
    expect(plan.map((row) => row.detail).join(" ")).not.toMatch(/TEMP B-TREE/);
  });
});
