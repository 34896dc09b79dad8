import { closeSync, mkdirSync, openSync, readdirSync, statSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/support/temp-dir";
import { OwnerFacingError } from "@/lib/workflow/types";
import { listBackups } from "./manifest";
import { runBackup, type RunBackupOptions } from "./run-backup";
import { createLegacyDb, sha256File } from "@/test/support/legacy-fixtures";

/**
 * Every bad input refuses with one owner-facing line, leaves both sources byte-identical and
 * leaves no backup that looks verified (no folder, or one marked FAILED with no .db in it).
 */
describe("runBackup refuses bad input", () => {
  const temps: Array<{ cleanup(): void }> = [];
  afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

  function setup() {
    const temp = makeTempDir();
    temps.push(temp);
    const nas = path.join(temp.dir, "nas.db");
    const dashboard = path.join(temp.dir, "dashboard.db");
    createLegacyDb(nas, { rows: 200 });
    createLegacyDb(dashboard, { rows: 200 });
    return { dir: temp.dir, nas, dashboard, backupsDir: path.join(temp.dir, "backups") };
  }

  async function expectRefusal(options: RunBackupOptions, message: string | RegExp) {
    const hashes = Object.values(options.sources).map((file) => safeSha(file as string));
    const error = await runBackup({ busyTimeoutMs: 100, ...options }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OwnerFacingError);
    const text = (error as Error).message;
    expect(text).not.toContain("\n");
    if (typeof message === "string") expect(text).toBe(message);
    else expect(text).toMatch(message);
    expect(Object.values(options.sources).map((file) => safeSha(file as string))).toEqual(hashes);
    const listing = listBackups(options.backupsDir);
    expect(listing.filter((entry) => entry.status === "verified")).toEqual([]);
    for (const entry of listing) expect(readdirSync(entry.dir)).toEqual(["FAILED"]);
    return listing;
  }

  it("refuses a missing path and creates nothing", async () => {
    const { dashboard, backupsDir, dir } = setup();
    const nas = path.join(dir, "nowhere.db");
    expect(
      await expectRefusal(
        { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5 },
        `NAS database not found: ${nas}`,
      ),
    ).toEqual([]);
  });

  it("refuses a directory", async () => {
    const { nas, backupsDir, dir } = setup();
    const dashboard = path.join(dir, "folder.db");
    mkdirSync(dashboard);
    await expectRefusal(
      { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5 },
      `Dashboard database path is a directory, not a file: ${dashboard}`,
    );
  });

  it("refuses a file that is not SQLite", async () => {
    const { dashboard, backupsDir, dir } = setup();
    const nas = path.join(dir, "notes.db");
    writeFileSync(nas, "these are not the pages you are looking for\n".repeat(200));
    await expectRefusal(
      { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5 },
      `NAS database is not a SQLite file: ${nas}`,
    );
  });

  it("refuses a truncated SQLite file", async () => {
    const { nas, dashboard, backupsDir } = setup();
    truncateSync(nas, 8 * 4096);
    await expectRefusal(
      { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5 },
      /^NAS database is damaged/,
    );
  });

  it("refuses a SQLite file whose pages are corrupted (integrity check fails)", async () => {
    const { nas, dashboard, backupsDir } = setup();
    const fd = openSync(nas, "r+");
    const pages = Math.floor(statSync(nas).size / 4096);
    // Scribble over the middle of every other page after the schema: b-tree headers and cells.
    for (let page = 2; page < pages; page += 2) writeSync(fd, Buffer.alloc(200, 0xa5), 0, 200, page * 4096 + 8);
    closeSync(fd);
    const listing = await expectRefusal(
      { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5 },
      /^NAS database is damaged \(integrity check found \d+\+? problems?, first: .+\): .*nas\.db$/,
    );
    expect(listing.map((entry) => entry.status)).toEqual(["failed"]);
  });

  it("refuses a SQLite file without a content table", async () => {
    const { nas, backupsDir, dir } = setup();
    const dashboard = path.join(dir, "other.db");
    const db = new Database(dashboard);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
    db.close();
    await expectRefusal(
      { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5 },
      `Dashboard database has no content table: ${dashboard}`,
    );
  });

  const lockers: Array<[string, (db: Database.Database) => void, "delete" | "wal"]> = [
    ["BEGIN EXCLUSIVE", (db) => db.exec("BEGIN EXCLUSIVE"), "delete"],
    [
      "locking_mode=EXCLUSIVE and a write",
      (db) => {
        db.pragma("locking_mode = EXCLUSIVE");
        db.exec("UPDATE content SET title = title");
      },
      "delete",
    ],
    [
      "locking_mode=EXCLUSIVE and a write, WAL",
      (db) => {
        db.pragma("locking_mode = EXCLUSIVE");
        db.exec("UPDATE content SET title = title");
      },
      "wal",
    ],
  ];
  for (const [how, lock, journalMode] of lockers) {
    it(`reports a source held under an exclusive lock (${how}) as locked`, async () => {
      const { dashboard, backupsDir, dir } = setup();
      const nas = path.join(dir, `locked-${journalMode}.db`);
      createLegacyDb(nas, { rows: 50, journalMode });
      const holder = new Database(nas);
      lock(holder);
      try {
        await expectRefusal(
          { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5 },
          journalMode === "wal"
            ? `NAS database is locked by another process (its -wal is in use without a -shm: exclusive locking mode); stop it and retry: ${nas}`
            : `NAS database is locked by another process; stop it and retry: ${nas}`,
        );
      } finally {
        if (holder.inTransaction) holder.exec("ROLLBACK");
        holder.close();
      }
    });
  }

  it("reports a source that another process locks mid-snapshot as locked, and marks the backup failed", async () => {
    const { nas, dashboard, backupsDir } = setup();
    const holder = new Database(nas);
    const io = {
      openRead: (file: string) => openSync(file, "r"),
      beforeSnapshotStep: (role: string) => {
        if (role === "nas" && !holder.inTransaction) holder.exec("BEGIN EXCLUSIVE");
      },
    };
    try {
      const listing = await expectRefusal(
        { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5, io, pagesPerStep: 2 },
        `NAS database is locked by another process; stop it and retry: ${nas}`,
      );
      expect(listing.map((entry) => entry.status)).toEqual(["failed"]);
    } finally {
      if (holder.inTransaction) holder.exec("ROLLBACK");
      holder.close();
    }
  });

  it("reports an unreadable source (open denied; injected because root ignores chmod 000)", async () => {
    const { nas, dashboard, backupsDir } = setup();
    const io = {
      openRead: (file: string) => {
        if (file === dashboard)
          throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: "EACCES" });
        return openSync(file, "r");
      },
    };
    await expectRefusal(
      { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5, io },
      `Dashboard database is not readable (permission denied): ${dashboard}`,
    );
  });

  it("refuses a backup folder that cannot be created (its parent is a regular file)", async () => {
    const { nas, dashboard, dir } = setup();
    writeFileSync(path.join(dir, "plain-file"), "x");
    const backupsDir = path.join(dir, "plain-file", "backups");
    await expectRefusal(
      { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5 },
      `Backup folder is not writable: ${backupsDir} (ENOTDIR)`,
    );
  });

  it("removes the half-written snapshot and marks the backup failed when the disk fills mid-copy", async () => {
    const { nas, dashboard, backupsDir } = setup();
    let sawPartial = false;
    const io = {
      openRead: (file: string) => openSync(file, "r"),
      beforeSnapshotStep: (role: string, pagesDone: number) => {
        if (role !== "dashboard" || pagesDone < 20) return;
        sawPartial = readdirSync(listBackups(backupsDir)[0]!.dir).includes("dashboard.db.partial");
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      },
    };
    const listing = await expectRefusal(
      { sources: { nas, dashboard }, backupsDir, expectedCategorized: 5, io, pagesPerStep: 10 },
      /^Backup disk is full: the Dashboard snapshot could not be written to .*backups\/\d{4}-/,
    );
    expect(sawPartial).toBe(true);
    expect(listing.map((entry) => entry.status)).toEqual(["failed"]);
  });
});

function safeSha(file: string): string | null {
  try {
    return statSync(file).isFile() ? sha256File(file) : "directory";
  } catch {
    return null;
  }
}
