import { describe, expect, it } from "vitest";
import { found, src } from "../testing/scan-text";

describe("bulk_row_sync: every row of one store pushed into the other", () => {
  it("finds INSERT … SELECT from an attached database, in SQL files and in program strings", () => {
    const sql = src(
      "ATTACH DATABASE '/mnt/nas/ytv2_content.db' AS nas;",
      "INSERT OR REPLACE INTO content SELECT * FROM nas.content;",
      "REPLACE INTO dash.content_summaries SELECT * FROM main.content_summaries;",
    );
    expect(found("merge.sql", sql)).toEqual([
      [2, "bulk_row_sync"],
      [3, "bulk_row_sync"],
    ]);
    const py = src(
      "conn.execute(",
      '    """',
      "    INSERT OR REPLACE INTO dash.content",
      "    SELECT * FROM main.content",
      '    """',
      ")",
    );
    expect(found("merge.py", py)).toEqual([[1, "bulk_row_sync"]]);
  });

  it("leaves a copy between tables of one database alone", () => {
    expect(found("local.sql", src("INSERT INTO content_fts SELECT video_id, title FROM main.content;"))).toEqual([]);
  });

  it("finds a sqlite3 dump piped into another database", () => {
    expect(
      found("refresh.sh", src("sqlite3 data/ytv2_content.db .dump | sqlite3 /mnt/dashboard/ytv2_content.db")),
    ).toEqual([[1, "bulk_row_sync"]]);
  });

  it("finds every row read from one connection and written through another", () => {
    const text = src(
      "def push():",
      "    src = sqlite3.connect(NAS_DB)",
      "    dst = sqlite3.connect(DASHBOARD_DB)",
      '    rows = src.execute("SELECT * FROM content").fetchall()',
      '    dst.executemany("INSERT OR REPLACE INTO content VALUES (?, ?)", rows)',
      "",
      "def push_over_http(rows_source):",
      '    for row in rows_source.execute("SELECT * FROM content_summaries"):',
      '        requests.post(f"{URL}/api/ingest", json=dict(row))',
    );
    expect(found("push.py", text)).toEqual([
      [5, "bulk_row_sync"],
      [9, "bulk_row_sync"],
    ]);
  });

  it("leaves a store that reads and rewrites its own rows, or reads some rows, alone", () => {
    const own = src(
      "def rebuild(self):",
      "    conn = sqlite3.connect(self.db_path)",
      '    rows = conn.execute("SELECT * FROM content").fetchall()',
      '    conn.executemany("INSERT INTO content_fts VALUES (?, ?)", rows)',
    );
    expect(found("store.py", own)).toEqual([]);
    const some = src(
      "def push_new():",
      "    src = sqlite3.connect(NAS_DB)",
      "    dst = sqlite3.connect(DASHBOARD_DB)",
      '    rows = src.execute("SELECT * FROM content WHERE synced = 0").fetchall()',
      '    dst.executemany("INSERT INTO content VALUES (?, ?)", rows)',
    );
    expect(found("incremental.py", some)).toEqual([]);
  });
});
