import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";

/**
 * Small legacy-schema SQLite files (DESIGN.md) for the backup tests. `older` leaves out the
 * columns later added by ALTER TABLE, like an older NAS file.
 */
export type FixtureOptions = {
  rows?: number;
  /** how many of the rows carry a categorization record (subcategories_json) */
  categorized?: number;
  journalMode?: "delete" | "wal";
  older?: boolean;
  /** id offset, so two fixtures can share some videos and not others */
  firstVideo?: number;
};

const CONTENT_DDL = `CREATE TABLE content (
  id TEXT PRIMARY KEY, title TEXT, canonical_url TEXT, thumbnail_url TEXT, published_at TEXT, indexed_at TEXT,
  duration_seconds INTEGER, word_count INTEGER, has_audio BOOLEAN, audio_duration_seconds INTEGER,
  has_transcript BOOLEAN, transcript_chars INTEGER, video_id TEXT, channel_name TEXT, channel_id TEXT,
  view_count INTEGER, like_count INTEGER, comment_count INTEGER, category TEXT, content_type TEXT,
  complexity_level TEXT, language TEXT DEFAULT 'en', key_topics TEXT, named_entities TEXT, format_source TEXT,
  processing_status TEXT, created_at TEXT, updated_at TEXT)`;

const LATER_COLUMNS = ["subcategory TEXT", "subcategories_json TEXT", "summary TEXT", "analysis TEXT"];

const SUMMARIES_DDL = `
CREATE TABLE content_summaries (id INTEGER PRIMARY KEY AUTOINCREMENT, content_id TEXT UNIQUE REFERENCES content(id),
  summary_text TEXT, summary_type TEXT DEFAULT 'comprehensive', created_at TEXT);
CREATE TABLE summary_variants (id INTEGER PRIMARY KEY AUTOINCREMENT, video_id TEXT NOT NULL, variant_type TEXT NOT NULL,
  revision INTEGER DEFAULT 1 CHECK (revision > 0), content TEXT NOT NULL, raw_payload TEXT, metadata TEXT,
  is_latest INTEGER DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT, file_size INTEGER, word_count INTEGER,
  UNIQUE (video_id, variant_type, revision));
CREATE TRIGGER summary_variants_latest AFTER INSERT ON summary_variants BEGIN
  UPDATE summary_variants SET is_latest = 0
  WHERE video_id = NEW.video_id AND variant_type = NEW.variant_type AND id <> NEW.id;
END;`;

export function videoId(n: number): string {
  return `vid${String(n).padStart(8, "0")}`;
}

export function createLegacyDb(path: string, options: FixtureOptions = {}): void {
  const { rows = 20, categorized = 5, journalMode = "delete", older = false, firstVideo = 0 } = options;
  const db = new Database(path);
  try {
    db.pragma(`journal_mode = ${journalMode}`);
    db.exec(CONTENT_DDL);
    if (!older) for (const column of LATER_COLUMNS) db.exec(`ALTER TABLE content ADD COLUMN ${column}`);
    db.exec(SUMMARIES_DDL);
    const insert = db.prepare(
      older
        ? "INSERT INTO content (id, title, video_id, indexed_at, view_count, has_audio, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        : `INSERT INTO content (id, title, video_id, indexed_at, view_count, has_audio, updated_at, subcategories_json, summary)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const variant = db.prepare(
      "INSERT INTO summary_variants (video_id, variant_type, content, created_at) VALUES (?, 'comprehensive', ?, ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        const vid = videoId(firstVideo + i);
        const base = [
          `yt:${vid}`,
          `Video ${i} — ünïcode`,
          i % 7 === 0 ? null : vid,
          `2025-01-${String((i % 28) + 1).padStart(2, "0")} 10:00:00`,
          9_007_199_254_740_993n + BigInt(i),
          i % 2,
          "2025-02-01T00:00:00Z",
        ];
        const subcategories =
          i < categorized ? JSON.stringify({ categories: [{ category: "Technology", subcategories: ["AI"] }] }) : null;
        insert.run(...(older ? base : [...base, subcategories, `Summary ${i}\\nwith an escaped newline`]));
        variant.run(vid, `Comprehensive summary ${i}`, "2025-02-01 00:00:00");
      }
    })();
  } finally {
    db.close();
  }
}

/** SHA-256 of a file's bytes, to prove a source was not touched. */
export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
