import Database from "better-sqlite3";

/**
 * The legacy YTV2 SQLite schema (DESIGN.md), as the two programs created it over time. The
 * tool never writes a real source; this exists so the demo generator and the tests can make
 * realistic source files. Statements are kept in the order the programs ran them, so column
 * order matches real files (ALTER-added columns come last).
 */

/** The original `content` table, before any ALTER TABLE. */
export const CONTENT_BASE_DDL = `CREATE TABLE IF NOT EXISTS content (
  id TEXT PRIMARY KEY,
  title TEXT,
  canonical_url TEXT,
  thumbnail_url TEXT,
  published_at TEXT,
  indexed_at TEXT,
  duration_seconds INTEGER,
  word_count INTEGER,
  has_audio BOOLEAN DEFAULT 0,
  audio_duration_seconds INTEGER,
  has_transcript BOOLEAN DEFAULT 0,
  transcript_chars INTEGER,
  video_id TEXT,
  channel_name TEXT,
  channel_id TEXT,
  view_count INTEGER,
  like_count INTEGER,
  comment_count INTEGER,
  category TEXT,
  content_type TEXT,
  complexity_level TEXT,
  language TEXT DEFAULT 'en',
  key_topics TEXT,
  named_entities TEXT,
  format_source TEXT,
  processing_status TEXT,
  created_at TEXT,
  updated_at TEXT
)`;

export const CONTENT_INDEXES_DDL = [
  "CREATE INDEX IF NOT EXISTS idx_content_video_id ON content(video_id)",
  "CREATE INDEX IF NOT EXISTS idx_content_indexed_at ON content(indexed_at)",
];

/** Added by the processing code when it began storing the summary on the row itself. */
export const CONTENT_ALTER_SUMMARY_DDL = ["ALTER TABLE content ADD COLUMN summary TEXT"];

/** Added by the Dashboard's categorization feature; the NAS code never ran these. */
export const CONTENT_ALTER_CATEGORIZATION_DDL = [
  "ALTER TABLE content ADD COLUMN subcategory TEXT",
  "ALTER TABLE content ADD COLUMN subcategories_json TEXT",
  "ALTER TABLE content ADD COLUMN analysis TEXT",
];

// created_at is declared TIMESTAMP (NUMERIC affinity), as the Python code did: an epoch
// written as a number stays an INTEGER here, unlike in content's TEXT columns.
export const CONTENT_SUMMARIES_DDL = `CREATE TABLE IF NOT EXISTS content_summaries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  content_id TEXT UNIQUE REFERENCES content(id),
  summary_text TEXT,
  summary_type TEXT DEFAULT 'comprehensive',
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
)`;

export const SUMMARY_VARIANTS_DDL = `CREATE TABLE IF NOT EXISTS summary_variants (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  video_id TEXT NOT NULL,
  variant_type TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0),
  content TEXT NOT NULL,
  raw_payload TEXT,
  metadata TEXT,
  is_latest INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP,
  file_size INTEGER,
  word_count INTEGER,
  UNIQUE (video_id, variant_type, revision)
)`;

export const SUMMARY_VARIANTS_INDEXES_DDL = [
  "CREATE INDEX IF NOT EXISTS idx_summary_variants_video ON summary_variants(video_id, variant_type)",
];

/** Only the insert path keeps one latest row; a direct UPDATE can leave two (real files have them). */
export const SUMMARY_VARIANTS_LATEST_TRIGGER_NAME = "trg_summary_variants_latest";
export const SUMMARY_VARIANTS_LATEST_TRIGGER_DDL = `CREATE TRIGGER IF NOT EXISTS ${SUMMARY_VARIANTS_LATEST_TRIGGER_NAME}
AFTER INSERT ON summary_variants
WHEN NEW.is_latest = 1
BEGIN
  UPDATE summary_variants SET is_latest = 0
  WHERE video_id = NEW.video_id AND variant_type = NEW.variant_type AND id <> NEW.id AND is_latest = 1;
END`;

export type LegacySchemaVersion = "current" | "older-nas";

/**
 * "current": what the Dashboard runs, every column. "older-nas": the NAS never received the
 * Dashboard's categorization feature, so its `content` lacks subcategory, subcategories_json
 * and analysis (the reason categorization vanished on every sync); it does have `summary`
 * and both summary tables, because those came with the processing code the NAS runs.
 */
export function legacySchemaStatements(version: LegacySchemaVersion): string[] {
  return [
    CONTENT_BASE_DDL,
    ...CONTENT_INDEXES_DDL,
    CONTENT_SUMMARIES_DDL,
    ...CONTENT_ALTER_SUMMARY_DDL,
    ...(version === "current" ? CONTENT_ALTER_CATEGORIZATION_DDL : []),
    SUMMARY_VARIANTS_DDL,
    ...SUMMARY_VARIANTS_INDEXES_DDL,
    SUMMARY_VARIANTS_LATEST_TRIGGER_DDL,
  ];
}

/** The full DDL of one version as one script (for docs, fixtures and `sqlite3` by hand). */
export function legacySchemaSql(version: LegacySchemaVersion): string {
  return legacySchemaStatements(version).join(";\n\n") + ";\n";
}

/**
 * Creates a new legacy SQLite file at `path` (":memory:" works too) and returns it open for
 * writing. Refuses an existing file that already has a `content` table, so a real source is
 * never altered by accident.
 */
export function createLegacyDatabase(path: string, options: { version: LegacySchemaVersion }): Database.Database {
  const db = new Database(path);
  try {
    const existing = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'content'").get();
    if (existing) throw new Error(`refusing to create a legacy schema in ${path}: it already has a content table`);
    db.transaction(() => {
      for (const statement of legacySchemaStatements(options.version)) db.exec(statement);
    })();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
