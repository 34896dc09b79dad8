import {
  extensionIndexObject,
  indexObject,
  retiredCheck,
  retiredFunction,
  tableObjects,
  triggerFunctionObject,
  triggerObject,
  triggerUpgrade,
  viewObject,
  viewUpgrade,
  type RetiredObject,
  type SchemaObject,
  type TableSpec,
} from "./objects";
import { QUARANTINE_REASONS } from "../../common/quarantine-reasons";
import {
  EARLIER_LATEST_BEFORE_BODY,
  LATEST_AFTER_BODY,
  MARK_LATEST_SUMMARY_BODY,
  TOUCH_UPDATED_AT_BODY,
} from "./trigger-functions";

/**
 * The target PostgreSQL schema of DESIGN.md, a superset of YTV2-CONTRACT.md §1 (which wins
 * where they differ): the one source of truth. The list is in dependency order (functions
 * before triggers, content before its summaries, tables before the view), which is also the
 * order apply runs it in. A target an earlier version of this tool created is brought forward
 * by each object's `upgrades` and by RETIRED_OBJECTS, which only ever loosen.
 */
export { QUARANTINE_REASONS };
const EARLIER_QUARANTINE_REASONS = QUARANTINE_REASONS.filter((reason) => reason !== "skipped_by_owner");
const reasonsCheck = (reasons: readonly string[]) => `reason = ANY (ARRAY[${reasons.map((r) => `'${r}'`).join(", ")}])`;

export const FLAG_DEFAULTS = { freeze_processing: true, dual_write_mode: false, read_from_postgres: false } as const;

const now = { type: "timestamptz", notNull: true, default: "now()" } as const;

const content: TableSpec = {
  name: "content",
  columns: [
    { name: "video_id", type: "text", notNull: true },
    // nullable: the NAS's cutover-era upsert does not send it; the copy fills yt:<video_id>
    { name: "id", type: "text", wasNotNull: true },
    { name: "title", type: "text", notNull: true },
    { name: "canonical_url", type: "text" },
    { name: "thumbnail_url", type: "text" },
    { name: "published_at", type: "timestamptz" },
    { name: "indexed_at", type: "timestamptz" },
    { name: "duration_seconds", type: "integer" },
    { name: "word_count", type: "integer" },
    // as the contract's schema has it: the NAS sends has_audio in its upsert, a NULL included
    { name: "has_audio", type: "boolean", default: "false", wasNotNull: true },
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
    // the type of the card's summary: the Dashboard's facets and a filter read it
    { name: "summary_type_latest", type: "text" },
  ],
  // No CHECK on video_id or language: the NAS writes reddit:<id> keys and en-US after the cutover.
  constraints: [
    { name: "content_pkey", kind: "primary", columns: ["video_id"] },
    { name: "content_id_key", kind: "unique", columns: ["id"] },
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
    // the copy always writes it; the contract's writers may not
    { name: "html", type: "text", wasNotNull: true },
    { name: "raw_json", type: "jsonb" },
    { name: "is_latest", type: "boolean", notNull: true, default: "false" },
    { name: "created_at", ...now },
    { name: "updated_at", ...now },
    { name: "summary_type", type: "text" },
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
    // mark_latest_summary() turns a NULL or non-positive revision into max + 1 before this is checked
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
      expression: reasonsCheck(QUARANTINE_REASONS),
      wasExpression: reasonsCheck(EARLIER_QUARANTINE_REASONS),
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

const EARLIER_TOUCH = "ytv2_touch_updated_at()";
const EARLIER_LATEST = "ytv2_summaries_latest_before()";

function touch(table: string): SchemaObject {
  const name = `${table}_touch_updated_at`;
  const definition = `CREATE TRIGGER ${name} BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION touch_updated_at()`;
  return {
    ...triggerObject(name, table, definition),
    upgrades: [triggerUpgrade(name, table, EARLIER_TOUCH, definition)],
  };
}

const LATEST_BEFORE =
  "CREATE TRIGGER content_summaries_latest_before BEFORE INSERT OR UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION mark_latest_summary()";

/**
 * Every column of content_summaries (YTV2-CONTRACT.md §1). The first nine are the view an
 * earlier version created, in its order: CREATE OR REPLACE VIEW can only add columns after them.
 */
const EARLIER_LATEST_SUMMARY_COLUMNS = [
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
export const LATEST_SUMMARY_COLUMNS = [...EARLIER_LATEST_SUMMARY_COLUMNS, "is_latest", "summary_type"];

// One row per (video_id, variant): the partial unique index allows one latest row, and the
// contract's tie order decides should a writer ever get two past it.
const LATEST_SUMMARIES_QUERY = `SELECT DISTINCT ON (video_id, variant) ${LATEST_SUMMARY_COLUMNS.join(", ")} FROM content_summaries WHERE is_latest ORDER BY video_id, variant, created_at DESC, revision DESC`;

/** The contract's search reads title with ILIKE; the server may lack pg_trgm (plan.ts says so, apply goes on). */
const TITLE_TRIGRAM = "CREATE INDEX content_title_trgm_idx ON content USING gin (title gin_trgm_ops)";

export const SCHEMA_OBJECTS: SchemaObject[] = [
  triggerFunctionObject("touch_updated_at", TOUCH_UPDATED_AT_BODY),
  triggerFunctionObject("mark_latest_summary", MARK_LATEST_SUMMARY_BODY),
  triggerFunctionObject("ytv2_summaries_latest_after", LATEST_AFTER_BODY),
  ...tableObjects(content),
  // The Dashboard's card list reads ORDER BY indexed_at DESC (NULLs first, PostgreSQL's default for DESC).
  // An earlier version made content_indexed_at_idx (NULLS LAST, for its own pages): it may stay, unused.
  indexObject(
    "content_indexed_at_desc_idx",
    "content",
    "CREATE INDEX content_indexed_at_desc_idx ON content USING btree (indexed_at DESC)",
  ),
  ...["subcategories_json", "analysis_json", "topics_json", "named_entities_json"].map((column) =>
    indexObject(
      `content_${column}_gin`,
      "content",
      `CREATE INDEX content_${column}_gin ON content USING gin (${column})`,
    ),
  ),
  extensionIndexObject("content_title_trgm_idx", "content", TITLE_TRIGRAM, "pg_trgm"),
  touch("content"),
  ...tableObjects(contentSummaries),
  indexObject(
    "content_summaries_one_latest",
    "content_summaries",
    "CREATE UNIQUE INDEX content_summaries_one_latest ON content_summaries USING btree (video_id, variant) WHERE is_latest",
  ),
  touch("content_summaries"),
  {
    ...triggerObject("content_summaries_latest_before", "content_summaries", LATEST_BEFORE),
    upgrades: [triggerUpgrade("content_summaries_latest_before", "content_summaries", EARLIER_LATEST, LATEST_BEFORE)],
  },
  triggerObject(
    "content_summaries_latest_after",
    "content_summaries",
    "CREATE TRIGGER content_summaries_latest_after AFTER DELETE OR UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION ytv2_summaries_latest_after()",
  ),
  {
    ...viewObject("v_latest_summaries", LATEST_SUMMARY_COLUMNS, LATEST_SUMMARIES_QUERY),
    upgrades: [viewUpgrade("v_latest_summaries", EARLIER_LATEST_SUMMARY_COLUMNS, LATEST_SUMMARIES_QUERY)],
  },
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

/**
 * What an earlier version of this tool created and the contract rules out, removed after
 * everything else (the triggers are re-pointed by then). Loosening only: no data goes.
 */
export const RETIRED_OBJECTS: RetiredObject[] = [
  retiredCheck(
    "content",
    "content_video_id_check",
    "video_id ~ '^[A-Za-z0-9_-]{11}$'",
    "dropped: the NAS writes keys such as reddit:<id> after the cutover (the copy still checks the keys it migrates)",
  ),
  retiredCheck(
    "content",
    "content_language_check",
    "language ~ '^[a-z]{2}$'",
    "dropped: the NAS writes languages such as en-US (the copy still normalizes what it migrates)",
  ),
  retiredCheck(
    "content_summaries",
    "content_summaries_variant_check",
    "variant ~ '^[a-z0-9]+(-[a-z0-9]+)*$'",
    "dropped: later variants are free text (audio-fr:intermediate)",
  ),
  retiredFunction(
    "ytv2_touch_updated_at",
    TOUCH_UPDATED_AT_BODY,
    "dropped: replaced by touch_updated_at(), the name the Dashboard's migrations use",
  ),
  retiredFunction(
    "ytv2_summaries_latest_before",
    EARLIER_LATEST_BEFORE_BODY,
    "dropped: replaced by mark_latest_summary(), the contract's latest-pointer function",
  ),
];

/** Seeds the flags the NAS and the Dashboard read, never overwriting a value someone set. */
export const SEED_FLAGS_SQL = `INSERT INTO migration_flags (name, enabled, updated_by) VALUES\n${Object.entries(
  FLAG_DEFAULTS,
)
  .map(([name, enabled]) => `  ('${name}', ${enabled}, 'schema step')`)
  .join(",\n")}\nON CONFLICT (name) DO NOTHING;`;
