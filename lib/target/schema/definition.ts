import {
  indexObject,
  tableObjects,
  triggerFunctionObject,
  triggerObject,
  viewObject,
  type SchemaObject,
  type TableSpec,
} from "./objects";
import { QUARANTINE_REASONS } from "../../common/quarantine-reasons";
import { LATEST_AFTER_BODY, LATEST_BEFORE_BODY, TOUCH_UPDATED_AT_BODY } from "./trigger-functions";

/**
 * The target PostgreSQL schema of DESIGN.md: the one source of truth. The list is in
 * dependency order (functions before triggers, content before its summaries, tables before
 * the view), which is also the order apply runs it in.
 */
export { QUARANTINE_REASONS };

export const FLAG_DEFAULTS = { freeze_processing: true, dual_write_mode: false, read_from_postgres: false } as const;

const now = { type: "timestamptz", notNull: true, default: "now()" } as const;

const content: TableSpec = {
  name: "content",
  columns: [
    { name: "video_id", type: "text", notNull: true },
    { name: "id", type: "text", notNull: true },
    { name: "title", type: "text", notNull: true },
    { name: "canonical_url", type: "text" },
    { name: "thumbnail_url", type: "text" },
    { name: "published_at", type: "timestamptz" },
    { name: "indexed_at", type: "timestamptz" },
    { name: "duration_seconds", type: "integer" },
    { name: "word_count", type: "integer" },
    { name: "has_audio", type: "boolean", notNull: true, default: "false" },
    { name: "audio_duration_seconds", type: "integer" },
    { name: "has_transcript", type: "boolean", notNull: true, default: "false" },
    { name: "transcript_chars", type: "integer" },
    { name: "channel_name", type: "text" },
    { name: "channel_id", type: "text" },
    { name: "view_count", type: "bigint" },
    { name: "like_count", type: "bigint" },
    { name: "comment_count", type: "bigint" },
    { name: "category", type: "text" },
    { name: "content_type", type: "text" },
    { name: "complexity_level", type: "text" },
    { name: "language", type: "text" },
    { name: "topics_json", type: "jsonb" },
    { name: "named_entities_json", type: "jsonb" },
    { name: "format_source", type: "text" },
    { name: "processing_status", type: "text" },
    { name: "subcategory", type: "text" },
    { name: "subcategories_json", type: "jsonb" },
    { name: "summary", type: "text" },
    { name: "analysis_json", type: "jsonb" },
    { name: "created_at", ...now },
    { name: "updated_at", ...now },
  ],
  constraints: [
    { name: "content_pkey", kind: "primary", columns: ["video_id"] },
    { name: "content_id_key", kind: "unique", columns: ["id"] },
    { name: "content_video_id_check", kind: "check", expression: "video_id ~ '^[A-Za-z0-9_-]{11}$'" },
    { name: "content_language_check", kind: "check", expression: "language ~ '^[a-z]{2}$'" },
  ],
};

const contentSummaries: TableSpec = {
  name: "content_summaries",
  columns: [
    { name: "id", type: "bigserial", notNull: true },
    { name: "video_id", type: "text", notNull: true },
    { name: "variant", type: "text", notNull: true },
    { name: "revision", type: "integer", notNull: true, default: "1" },
    { name: "text", type: "text" },
    { name: "html", type: "text", notNull: true },
    { name: "raw_json", type: "jsonb" },
    { name: "is_latest", type: "boolean", notNull: true, default: "false" },
    { name: "created_at", ...now },
    { name: "updated_at", ...now },
  ],
  constraints: [
    { name: "content_summaries_pkey", kind: "primary", columns: ["id"] },
    {
      name: "content_summaries_video_id_fkey",
      kind: "foreign",
      columns: ["video_id"],
      references: "content(video_id)",
      onDelete: "CASCADE",
    },
    {
      name: "content_summaries_video_id_variant_revision_key",
      kind: "unique",
      columns: ["video_id", "variant", "revision"],
    },
    { name: "content_summaries_variant_check", kind: "check", expression: "variant ~ '^[a-z0-9]+(-[a-z0-9]+)*$'" },
    { name: "content_summaries_revision_check", kind: "check", expression: "revision > 0" },
  ],
};

const migrationFlags: TableSpec = {
  name: "migration_flags",
  columns: [
    { name: "name", type: "text", notNull: true },
    { name: "enabled", type: "boolean", notNull: true, default: "false" },
    { name: "updated_at", ...now },
    { name: "updated_by", type: "text" },
  ],
  constraints: [{ name: "migration_flags_pkey", kind: "primary", columns: ["name"] }],
};

const migrationQuarantine: TableSpec = {
  name: "migration_quarantine",
  columns: [
    { name: "id", type: "bigserial", notNull: true },
    { name: "source", type: "text", notNull: true },
    { name: "source_table", type: "text", notNull: true },
    { name: "source_key", type: "text" },
    { name: "video_id", type: "text" },
    { name: "reason", type: "text", notNull: true },
    { name: "field", type: "text" },
    { name: "detail", type: "text" },
    { name: "raw", type: "jsonb", notNull: true },
    { name: "created_at", ...now },
  ],
  constraints: [
    { name: "migration_quarantine_pkey", kind: "primary", columns: ["id"] },
    {
      name: "migration_quarantine_reason_check",
      kind: "check",
      expression: `reason = ANY (ARRAY[${QUARANTINE_REASONS.map((r) => `'${r}'`).join(", ")}])`,
    },
  ],
};

const parityLog: TableSpec = {
  name: "parity_log",
  columns: [
    { name: "run_id", type: "text", notNull: true },
    { name: "at", ...now },
    { name: "checked", type: "integer", notNull: true, default: "0" },
    { name: "missing_in_target", type: "integer", notNull: true, default: "0" },
    { name: "missing_in_source", type: "integer", notNull: true, default: "0" },
    { name: "mismatched", type: "integer", notNull: true, default: "0" },
    { name: "detail", type: "jsonb" },
  ],
  constraints: [{ name: "parity_log_pkey", kind: "primary", columns: ["run_id"] }],
};

export const TABLES: TableSpec[] = [content, contentSummaries, migrationFlags, migrationQuarantine, parityLog];

const touch = (table: string) =>
  triggerObject(
    `${table}_touch_updated_at`,
    table,
    `CREATE TRIGGER ${table}_touch_updated_at BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ytv2_touch_updated_at()`,
  );

export const LATEST_SUMMARY_COLUMNS = [
  "id",
  "video_id",
  "variant",
  "revision",
  "text",
  "html",
  "raw_json",
  "created_at",
  "updated_at",
];

export const SCHEMA_OBJECTS: SchemaObject[] = [
  triggerFunctionObject("ytv2_touch_updated_at", TOUCH_UPDATED_AT_BODY),
  triggerFunctionObject("ytv2_summaries_latest_before", LATEST_BEFORE_BODY),
  triggerFunctionObject("ytv2_summaries_latest_after", LATEST_AFTER_BODY),
  ...tableObjects(content),
  // The card list reads newest first; video_id breaks ties so keyset pages are stable.
  indexObject(
    "content_indexed_at_idx",
    "content",
    "CREATE INDEX content_indexed_at_idx ON content USING btree (indexed_at DESC NULLS LAST, video_id DESC)",
  ),
  ...["subcategories_json", "analysis_json", "topics_json", "named_entities_json"].map((column) =>
    indexObject(
      `content_${column}_gin`,
      "content",
      `CREATE INDEX content_${column}_gin ON content USING gin (${column})`,
    ),
  ),
  touch("content"),
  ...tableObjects(contentSummaries),
  indexObject(
    "content_summaries_one_latest",
    "content_summaries",
    "CREATE UNIQUE INDEX content_summaries_one_latest ON content_summaries USING btree (video_id, variant) WHERE is_latest",
  ),
  touch("content_summaries"),
  triggerObject(
    "content_summaries_latest_before",
    "content_summaries",
    "CREATE TRIGGER content_summaries_latest_before BEFORE INSERT OR UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION ytv2_summaries_latest_before()",
  ),
  triggerObject(
    "content_summaries_latest_after",
    "content_summaries",
    "CREATE TRIGGER content_summaries_latest_after AFTER DELETE OR UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION ytv2_summaries_latest_after()",
  ),
  viewObject(
    "v_latest_summaries",
    LATEST_SUMMARY_COLUMNS,
    `SELECT ${LATEST_SUMMARY_COLUMNS.join(", ")} FROM content_summaries WHERE is_latest`,
  ),
  ...tableObjects(migrationFlags),
  touch("migration_flags"),
  ...tableObjects(migrationQuarantine),
  indexObject(
    "migration_quarantine_reason_idx",
    "migration_quarantine",
    "CREATE INDEX migration_quarantine_reason_idx ON migration_quarantine USING btree (reason)",
  ),
  ...tableObjects(parityLog),
  indexObject("parity_log_at_idx", "parity_log", "CREATE INDEX parity_log_at_idx ON parity_log USING btree (at DESC)"),
];

/** Seeds the flags the NAS and the Dashboard read, never overwriting a value someone set. */
export const SEED_FLAGS_SQL = `INSERT INTO migration_flags (name, enabled, updated_by) VALUES\n${Object.entries(
  FLAG_DEFAULTS,
)
  .map(([name, enabled]) => `  ('${name}', ${enabled}, 'schema step')`)
  .join(",\n")}\nON CONFLICT (name) DO NOTHING;`;
