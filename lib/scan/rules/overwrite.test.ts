import { describe, expect, it } from "vitest";
import { found, src } from "../testing/scan-text";

describe("db_overwrite: a database file copied over another", () => {
  it("finds cp, mv, local rsync, dd, cat and sqlite3's .backup/.restore onto a database", () => {
    const text = src(
      "cp /mnt/nas/ytv2_content.db /app/data/ytv2_content.db",
      "mv /tmp/new.db $DASHBOARD_DB",
      "sudo cp data/ytv2_content.db /mnt/dashboard/data/",
      "rsync -a data/ytv2_content.db /mnt/dashboard/data/",
      "dd if=data/ytv2_content.db of=/mnt/dashboard/ytv2_content.db",
      "cat data/ytv2_content.db > /mnt/dashboard/ytv2_content.db",
      `sqlite3 data/ytv2_content.db ".backup '/mnt/dashboard/ytv2_content.db'"`,
      'sqlite3 /app/data/ytv2_content.db ".restore backups/latest.db"',
    );
    expect(found("copy.sh", text)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((line) => [line, "db_overwrite"]));
  });

  it("leaves a copy kept aside as a backup alone", () => {
    const text = src(
      'cp data/ytv2_content.db "backups/ytv2_content-$(date +%F).db"',
      "cp data/ytv2_content.db data/ytv2_content.db.bak",
      'sqlite3 data/ytv2_content.db ".backup backups/latest.db"',
      "sqlite3 data/ytv2_content.db 'PRAGMA integrity_check'",
      "cp downloads/a.mp3 /app/data/audio/",
    );
    expect(found("backup.sh", text)).toEqual([]);
  });

  it("finds Python copies, renames and whole-file writes onto a database", () => {
    const text = src(
      "shutil.copy2(NAS_DB, DASHBOARD_DB)",
      "shutil.copyfile(upload_path, DB_PATH)",
      "os.replace(tmp_path, DB_PATH)",
      'Path(tmp).replace(Path("data") / "ytv2_content.db")',
      'with open(LOCAL_DB, "wb") as out:',
      "    out.write(data)",
      "DB_PATH.write_bytes(response.content)",
      'request.files["database"].save(DB_PATH)',
      "nas.backup(dashboard_conn)",
      "conn.execute(\"VACUUM INTO '/mnt/dashboard/ytv2_content.db'\")",
      "shutil.copy2(NAS_DB, DASHBOARD_DB_DIR)",
    );
    expect(found("swap.py", text)).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 10, 11].map((line) => [line, "db_overwrite"]));
  });

  it("leaves backups, string replaces, media renames and reads alone", () => {
    const text = src(
      "shutil.copy2(DB_PATH, BACKUP_DIR / name)",
      'name = filename.replace(".db", ".sqlite")',
      "os.replace(tmp_mp3, final_mp3)",
      'with open(DB_PATH, "rb") as handle:',
      "    data = handle.read()",
      "conn.backup(backup_conn)",
      "shutil.move(video_path, DB_DIR)",
      "conn.execute(\"VACUUM INTO 'backups/nightly.db'\")",
    );
    expect(found("keep.py", text)).toEqual([]);
  });

  it("finds a JavaScript copy over the database file", () => {
    expect(found("swap.js", src('fs.copyFileSync(upload.path, "/app/data/ytv2_content.db");'))).toEqual([
      [1, "db_overwrite"],
    ]);
  });
});
