import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createLegacyDb } from "@/test/support/legacy-fixtures";
import { makeTempDir } from "@/test/support/temp-dir";
import { fetchLiveCopy, withLiveSource } from "./live-source";
import { localAccess } from "./local-access";
import { copyStableFile } from "./stable-copy";

/** How each state a live SQLite file can be in is read, and what that leaves in its folder. */
const temps: Array<{ cleanup(): void }> = [];
const open: Database.Database[] = [];
afterEach(() => {
  open.splice(0).forEach((db) => db.close());
  temps.splice(0).forEach((temp) => temp.cleanup());
});

function folder() {
  const temp = makeTempDir("cutover-access-");
  temps.push(temp);
  return temp.dir;
}

describe("localAccess", () => {
  it("reads a rollback-journal file and a WAL file its program has open in place; copies a WAL file nobody has open", () => {
    const dir = folder();
    const rollback = path.join(dir, "rollback.db");
    const wal = path.join(dir, "wal.db");
    createLegacyDb(rollback, { rows: 3 });
    createLegacyDb(wal, { rows: 3, journalMode: "wal" });
    expect(localAccess(rollback)).toEqual({ kind: "in-place" });
    expect(localAccess(wal)).toEqual({ kind: "copy" });
    const program = new Database(wal);
    open.push(program);
    program.prepare("SELECT 1 FROM content").get();
    expect(localAccess(wal)).toEqual({ kind: "in-place" });
  });

  it("refuses a WAL file held in exclusive locking mode (a -wal without a -shm) as locked", () => {
    const dir = folder();
    const wal = path.join(dir, "held.db");
    createLegacyDb(wal, { rows: 3, journalMode: "wal" });
    const holder = new Database(wal);
    open.push(holder);
    holder.pragma("locking_mode = EXCLUSIVE");
    holder.prepare("UPDATE content SET title = 'x' WHERE rowid = 1").run();
    expect(readdirSync(dir).sort()).toEqual(["held.db", "held.db-wal"]);
    expect(localAccess(wal)).toMatchObject({ kind: "locked" });
  });

  it("treats a missing file or one that is not SQLite as in place, for the preflight to name", () => {
    const dir = folder();
    writeFileSync(path.join(dir, "notes.db"), "not sqlite");
    expect(localAccess(path.join(dir, "notes.db"))).toEqual({ kind: "in-place" });
    expect(localAccess(path.join(dir, "missing.db"))).toEqual({ kind: "in-place" });
  });
});

describe("the fresh copy of a WAL file nobody has open", () => {
  it("is standalone, holds the same rows, and leaves the source's folder as it was", async () => {
    const dir = folder();
    const source = path.join(dir, "ytv2", "nas.db");
    const work = path.join(dir, "work");
    mkdirSync(path.dirname(source));
    createLegacyDb(source, { rows: 25, journalMode: "wal" });
    const before = readdirSync(path.dirname(source));
    const rows = await withLiveSource(
      { role: "nas", origin: { kind: "file", path: source }, workDir: work },
      {},
      async (file) => {
        expect(path.dirname(file)).toBe(work);
        const db = new Database(file, { readonly: true });
        try {
          expect(db.pragma("journal_mode", { simple: true })).toBe("delete");
          return db.prepare("SELECT count(*) FROM content").pluck().get();
        } finally {
          db.close();
        }
      },
    );
    expect(rows).toBe(25);
    expect(readdirSync(path.dirname(source))).toEqual(before);
    expect(readdirSync(work)).toEqual([]);
  });

  it("tries again when the file changes while it is copied, and gives up on one that never holds still", async () => {
    const dir = folder();
    const source = path.join(dir, "busy.db");
    createLegacyDb(source, { rows: 2_000, journalMode: "wal" });
    // A -wal appearing (a program opening the file) or being written is a change to the source.
    let writes = 0;
    const writeWhileCopying = (limit: number) => () => {
      if (writes++ < limit) writeFileSync(`${source}-wal`, `write ${writes}`);
    };
    await copyStableFile(source, path.join(dir, "once.db"), { phase: "copy nas", onProgress: writeWhileCopying(1) });
    // Two reports per attempt (start, end): the first attempt saw the write and was thrown away.
    expect(writes).toBe(4);
    expect(readdirSync(dir)).toContain("once.db");

    writes = 0;
    const error = await fetchLiveCopy(
      { role: "nas", origin: { kind: "file", path: source }, workDir: dir },
      path.join(dir, "never.db"),
      { onProgress: writeWhileCopying(Number.POSITIVE_INFINITY) },
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "SOURCE_CHANGING" });
    expect(readdirSync(dir).filter((name) => name.startsWith("never"))).toEqual([]);
  });
});
