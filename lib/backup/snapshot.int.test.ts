import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/support/temp-dir";
import { fileSha256, fingerprintDatabase, integrityCheck } from "./fingerprint";
import { restoreTest } from "./restore-test";
import { snapshotSource } from "./snapshot";
import { createLegacyDb, sha256File } from "@/test/support/legacy-fixtures";

async function fingerprintOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return { ...(await fingerprintDatabase(db)), integrity: integrityCheck(db) };
  } finally {
    db.close();
  }
}

describe("snapshotSource with a writer at work", () => {
  const temps: Array<{ cleanup(): void }> = [];
  afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

  for (const journalMode of ["delete", "wal"] as const) {
    it(`copies one consistent, restorable state while another connection writes (${journalMode})`, async () => {
      const temp = makeTempDir();
      temps.push(temp);
      const source = path.join(temp.dir, "source.db");
      const dest = path.join(temp.dir, "snap.db");
      createLegacyDb(source, { rows: 400, journalMode });
      const writer = new Database(source);
      const insert = writer.prepare("INSERT INTO content (id, title, summary) VALUES (?, ?, ?)");
      let steps = 0;
      await snapshotSource({
        role: "nas",
        sourcePath: source,
        destPath: dest,
        pagesPerStep: 5,
        onProgress: () => {
          // Between backup steps the source is unlocked: the writer gets in, and SQLite restarts the copy.
          if (++steps <= 6)
            writer.transaction(() => {
              insert.run(`yt:new${String(steps).padStart(8, "0")}`, "written mid-backup", "x".repeat(5000));
              writer.prepare("DELETE FROM summary_variants WHERE id = ?").run(steps);
            })();
        },
      });
      expect(steps).toBeGreaterThan(6);
      writer.close();

      const snapshot = await fingerprintOf(dest);
      const live = await fingerprintOf(source);
      expect(snapshot.integrity).toBe("ok");
      expect(snapshot.fingerprint).toBe(live.fingerprint);
      expect(snapshot.tables.find((t) => t.name === "content")?.rowCount).toBe(406);
      expect(readFileSync(dest).subarray(18, 20)).toEqual(Buffer.from([1, 1])); // standalone, not WAL

      const { sha256 } = await fileSha256(dest);
      expect(sha256).toBe(sha256File(dest));
      const restored = await restoreTest({
        snapshotPath: dest,
        tempPath: path.join(temp.dir, "restore.db"),
        expected: { sha256, fingerprint: snapshot.fingerprint },
        phase: "restore test nas",
      });
      expect(restored).toMatchObject({ ok: true, integrity: "ok", fingerprint: snapshot.fingerprint });
    });
  }

  it("a restore test fails when the copy does not match what the snapshot recorded", async () => {
    const temp = makeTempDir();
    temps.push(temp);
    const file = path.join(temp.dir, "a.db");
    createLegacyDb(file, { rows: 5 });
    const result = await restoreTest({
      snapshotPath: file,
      tempPath: path.join(temp.dir, "restore.db"),
      expected: { sha256: "0".repeat(64), fingerprint: "f".repeat(64) },
      phase: "restore test nas",
    });
    expect(result.ok).toBe(false);
    expect(result.detail).toBe(
      "the copy's SHA-256 differs from the snapshot's; the fingerprint differs from the snapshot's",
    );
  });
});
