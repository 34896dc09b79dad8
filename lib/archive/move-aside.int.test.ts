import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, statfsSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { OwnerFacingError } from "@/lib/workflow/types";
import { makeTempDir } from "@/test/support/temp-dir";
import { archiveSource } from "./archive-source";
import { readMoved } from "./manifest";
import { moveOriginalAside } from "./move-aside";
import { demoSources, mountTmpfs, runCleanups, sha256 } from "@/test/support/archive/fixtures";

const cleanups: Array<() => void> = [];
afterEach(() => runCleanups(cleanups));

function setup() {
  const temp = makeTempDir("cutover-archive-move-");
  cleanups.push(() => temp.cleanup());
  return { dir: temp.dir, ...demoSources(temp.dir) };
}

async function expectNothingMoved(run: Promise<unknown>, file: string, message: string | RegExp, code: string) {
  const before = sha256(file);
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OwnerFacingError);
  expect((error as Error).message).not.toContain("\n");
  if (typeof message === "string") expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
  expect((error as OwnerFacingError).code).toBe(code);
  expect(sha256(file)).toBe(before);
}

describe("moveOriginalAside", () => {
  it("renames the verified original into the archive folder, records it, and a second call changes nothing", async () => {
    const { dir, nas } = setup();
    const archived = await archiveSource({ label: "nas", localFile: nas, archiveRoot: path.join(dir, "archive") });
    const sha = sha256(nas);
    const moved = await moveOriginalAside({ archiveDir: archived.archiveDir });
    expect(moved.outcome).toBe("moved");
    expect(existsSync(nas)).toBe(false);
    const dest = path.join(archived.archiveDir, "original", "nas.db");
    expect(sha256(dest)).toBe(sha);
    expect(moved.moved).toMatchObject({
      version: 1,
      label: "nas",
      method: "rename",
      files: [{ from: nas, to: "original/nas.db", sha256: sha, sizeBytes: archived.manifest.original.sizeBytes }],
    });
    expect(readMoved(archived.archiveDir)).toEqual(moved.moved);
    expect(readdirSync(archived.archiveDir).sort()).toEqual(["manifest.json", "moved.json", "nas.db.gz", "original"]);
    const again = await moveOriginalAside({ archiveDir: archived.archiveDir });
    expect(again).toMatchObject({ outcome: "already-moved", moved: moved.moved });
    expect(sha256(dest)).toBe(sha);
  });

  it("moves an empty -wal and the -shm along with a WAL-mode original", async () => {
    const { dir } = setup();
    const file = path.join(dir, "live", "nas.db");
    mkdirSync(path.dirname(file));
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE content (id TEXT PRIMARY KEY, title TEXT); INSERT INTO content VALUES ('yt:a', 'A')");
    db.close();
    // What a live system's read-only readers leave beside a WAL file: an empty -wal and an -shm.
    writeFileSync(`${file}-wal`, "");
    writeFileSync(`${file}-shm`, Buffer.alloc(32 * 1024));
    const archived = await archiveSource({ label: "nas", localFile: file, archiveRoot: path.join(dir, "archive") });
    // The archive reads through the source reader, which creates and removes nothing beside the file.
    expect(readdirSync(path.dirname(file)).sort()).toEqual(["nas.db", "nas.db-shm", "nas.db-wal"]);
    const moved = await moveOriginalAside({ archiveDir: archived.archiveDir });
    expect(readdirSync(path.dirname(file))).toEqual([]);
    expect(moved.moved.files.map((entry) => [entry.to, entry.sizeBytes > 0 || entry.to.endsWith("-wal")])).toEqual([
      ["original/nas.db", true],
      ["original/nas.db-wal", true],
      ["original/nas.db-shm", true],
    ]);
    expect(moved.moved.files[1]!.sizeBytes).toBe(0);
  });

  it("refuses a live file that changed since it was archived, naming the table", async () => {
    const { dir, nas, expected } = setup();
    const archived = await archiveSource({ label: "nas", localFile: nas, archiveRoot: path.join(dir, "archive") });
    const db = new Database(nas);
    db.prepare("DELETE FROM content WHERE rowid = (SELECT max(rowid) FROM content)").run();
    db.close();
    const rows = expected.nas.contentRows;
    await expectNothingMoved(
      moveOriginalAside({ archiveDir: archived.archiveDir }),
      nas,
      `The NAS database changed since it was archived: content rows changed (${rows} → ${rows - 1} rows); archive it again; nothing was moved`,
      "source_changed",
    );
    expect(readMoved(archived.archiveDir)).toBeNull();
  });

  it("refuses while the -wal holds commits the archive lacks", async () => {
    const { dir } = setup();
    const file = path.join(dir, "pending.db");
    const setupDb = new Database(file);
    setupDb.pragma("journal_mode = WAL");
    setupDb.exec("CREATE TABLE content (id TEXT PRIMARY KEY, title TEXT); INSERT INTO content VALUES ('yt:a', 'A')");
    setupDb.close();
    const archived = await archiveSource({ label: "nas", localFile: file, archiveRoot: path.join(dir, "archive") });
    const writer = new Database(file);
    try {
      writer.pragma("wal_autocheckpoint = 0");
      writer.exec("INSERT INTO content VALUES ('yt:b', 'B')");
      await expectNothingMoved(
        moveOriginalAside({ archiveDir: archived.archiveDir }),
        file,
        "The NAS database changed since it was archived (in its -wal file): content rows changed (1 → 2 rows); archive it again; nothing was moved",
        "source_changed",
      );
    } finally {
      writer.close();
    }
  });

  it("refuses a hot -journal (an unfinished write)", async () => {
    const { dir, nas } = setup();
    const archived = await archiveSource({ label: "nas", localFile: nas, archiveRoot: path.join(dir, "archive") });
    writeFileSync(`${nas}-journal`, Buffer.alloc(512, 1));
    await expectNothingMoved(
      moveOriginalAside({ archiveDir: archived.archiveDir }),
      nas,
      `The NAS database has an unfinished write in ${nas}-journal; let its program finish, then retry; nothing was moved`,
      "source_locked",
    );
  });

  it("refuses a remote source, saying what the owner must remove on the host", async () => {
    const { dir, dashboard } = setup();
    const archived = await archiveSource({
      label: "dashboard",
      localFile: dashboard,
      archiveRoot: path.join(dir, "archive"),
      remote: { url: "https://dash.example.com/api/download-database" },
    });
    await expectNothingMoved(
      moveOriginalAside({ archiveDir: archived.archiveDir }),
      dashboard,
      "The Dashboard database is on its host, not here: remove the SQLite file served at https://dash.example.com/api/download-database there yourself; nothing was moved",
      "remote_source",
    );
  });

  describe("across file systems", () => {
    function acrossDisks() {
      const base = setup();
      const archiveRoot = path.join(base.dir, "other-disk");
      cleanups.push(mountTmpfs(archiveRoot, { sizeBytes: 8 << 20 }));
      return { ...base, archiveRoot };
    }

    it("refuses to move without permission to copy, and moves nothing", async () => {
      const { nas, archiveRoot } = acrossDisks();
      const archived = await archiveSource({ label: "nas", localFile: nas, archiveRoot });
      await expectNothingMoved(
        moveOriginalAside({ archiveDir: archived.archiveDir }),
        nas,
        `The archive folder ${archived.archiveDir} is on another file system than ${nas}: a rename cannot move it; ` +
          "allow copying (copy, verify the SHA-256, then remove the original) or keep the archive on the same disk; nothing was moved",
        "cross_device",
      );
      expect(existsSync(path.join(archived.archiveDir, "original", "nas.db"))).toBe(false);
    });

    it("copies, verifies the copy's SHA-256 and only then removes the original", async () => {
      const { nas, archiveRoot } = acrossDisks();
      const archived = await archiveSource({ label: "nas", localFile: nas, archiveRoot });
      const sha = sha256(nas);
      const moved = await moveOriginalAside({ archiveDir: archived.archiveDir, crossDevice: "copy" });
      expect(moved.moved.method).toBe("copy");
      expect(existsSync(nas)).toBe(false);
      expect(sha256(path.join(archived.archiveDir, "original", "nas.db"))).toBe(sha);
      expect(readdirSync(path.join(archived.archiveDir, "original"))).toEqual(["nas.db"]);
    });

    it("copies when a bind mount refuses the rename (same device, another mount) and copying is allowed", async () => {
      const { dir, nas } = setup();
      const live = path.dirname(nas);
      execFileSync("mount", ["--bind", live, live]);
      cleanups.push(() => execFileSync("umount", [live]));
      const archived = await archiveSource({ label: "nas", localFile: nas, archiveRoot: path.join(dir, "archive") });
      const sha = sha256(nas);
      await expectNothingMoved(
        moveOriginalAside({ archiveDir: archived.archiveDir }),
        nas,
        /^The archive folder .* is on another file system than .*; nothing was moved$/,
        "cross_device",
      );
      const moved = await moveOriginalAside({ archiveDir: archived.archiveDir, crossDevice: "copy" });
      expect(moved.moved.method).toBe("copy");
      expect(existsSync(nas)).toBe(false);
      expect(sha256(path.join(archived.archiveDir, "original", "nas.db"))).toBe(sha);
    });

    it("keeps the original when its folder is read-only after the copy, and a rerun finishes once it is writable", async () => {
      const { dir, nas } = setup();
      const live = path.join(dir, "live-disk");
      cleanups.push(mountTmpfs(live, { sizeBytes: 4 << 20 }));
      const file = path.join(live, "nas.db");
      copyFileSync(nas, file);
      const archived = await archiveSource({ label: "nas", localFile: file, archiveRoot: path.join(dir, "archive") });
      execFileSync("mount", ["-o", "remount,ro", live]);
      await expectNothingMoved(
        moveOriginalAside({ archiveDir: archived.archiveDir, crossDevice: "copy" }),
        file,
        `The original ${file} could not be removed after its verified copy reached the archive (EROFS): ` +
          "its folder is not writable for this tool; it stays where it is, run the move again once it is",
        "source_dir_unwritable",
      );
      expect(readMoved(archived.archiveDir)).toBeNull();
      execFileSync("mount", ["-o", "remount,rw", live]);
      const moved = await moveOriginalAside({ archiveDir: archived.archiveDir, crossDevice: "copy" });
      expect(moved.outcome).toBe("moved");
      expect(readdirSync(live)).toEqual([]);
      expect(moved.moved.files.map((entry) => entry.to)).toEqual(["original/nas.db"]);
    });

    it("refuses with the disk-full line when the copy does not fit, and the original stays", async () => {
      const { dir, nas } = setup();
      const archiveRoot = path.join(dir, "tiny-disk");
      cleanups.push(mountTmpfs(archiveRoot, { sizeBytes: 1 << 20 }));
      const archived = await archiveSource({ label: "nas", localFile: nas, archiveRoot });
      // Something else fills the disk after the archive was made: 100 KB stay free, less than the original.
      const disk = statfsSync(archiveRoot);
      writeFileSync(path.join(archiveRoot, "filler"), Buffer.alloc(disk.bavail * disk.bsize - (100 << 10)));
      await expectNothingMoved(
        moveOriginalAside({ archiveDir: archived.archiveDir, crossDevice: "copy" }),
        nas,
        new RegExp(
          `^Archive disk is full: the NAS original could not be written to ${archived.archiveDir} .*; the original is untouched$`,
        ),
        "disk_full",
      );
      expect(readdirSync(path.join(archived.archiveDir, "original"))).toEqual([]);
      expect(readMoved(archived.archiveDir)).toBeNull();
    });
  });
});
