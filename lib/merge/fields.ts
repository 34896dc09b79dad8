import {
  cleanText,
  normalizeLanguage,
  parseJsonText,
  parseTimestamp,
  toBoolean,
  toInteger,
  toKeyTopics,
  type TransformIssue,
} from "./transforms";

/**
 * The target `content` columns the merge fills from a legacy row, with the legacy column each
 * comes from and its transform. `video_id` and `id` come from the key, not from a column.
 */
export type FieldKind = "text" | "timestamp" | "integer" | "bigint" | "boolean" | "language" | "topics" | "json";
export type FieldSpec = { field: string; column: string; kind: FieldKind };

const spec = (field: string, kind: FieldKind, column = field): FieldSpec => ({ field, column, kind });

export const CONTENT_FIELDS: readonly FieldSpec[] = [
  spec("title", "text"),
  spec("canonical_url", "text"),
  spec("thumbnail_url", "text"),
  spec("published_at", "timestamp"),
  spec("indexed_at", "timestamp"),
  spec("duration_seconds", "integer"),
  spec("word_count", "integer"),
  spec("has_audio", "boolean"),
  spec("audio_duration_seconds", "integer"),
  spec("has_transcript", "boolean"),
  spec("transcript_chars", "integer"),
  spec("channel_name", "text"),
  spec("channel_id", "text"),
  spec("view_count", "bigint"),
  spec("like_count", "bigint"),
  spec("comment_count", "bigint"),
  spec("category", "text"),
  spec("content_type", "text"),
  spec("complexity_level", "text"),
  spec("language", "language"),
  spec("topics_json", "topics", "key_topics"),
  spec("named_entities_json", "json", "named_entities"),
  spec("format_source", "text"),
  spec("processing_status", "text"),
  spec("subcategory", "text"),
  spec("subcategories_json", "json"),
  spec("summary", "text"),
  spec("analysis_json", "json", "analysis"),
  spec("created_at", "timestamp"),
  spec("updated_at", "timestamp"),
];

/**
 * Content columns the merge derives rather than reads from a legacy column: the type of the
 * card's summary (YTV2-CONTRACT.md §1), which the Dashboard's facets and a filter read.
 */
export const DERIVED_FIELDS = ["summary_type_latest"] as const;

/** DESIGN.md: these come from the side that has a categorization record, the Dashboard first. */
export const CATEGORIZATION_FIELDS: ReadonlySet<string> = new Set([
  "subcategories_json",
  "subcategory",
  "category",
  "analysis_json",
]);

/** Row bookkeeping, not content: they never make a record "differ" (the newer side's go in). */
export const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(["created_at", "updated_at"]);

export type FieldValue = string | number | boolean | null | unknown;
/** Target-typed values by target column; a field is absent when the source lacks its column. */
export type TargetValues = Record<string, FieldValue>;

function transform(kind: FieldKind, input: unknown, field: string): { value: FieldValue; issue?: TransformIssue } {
  switch (kind) {
    case "text":
      return cleanText(typeof input === "string" || input == null ? input : String(input), field);
    case "timestamp":
      return parseTimestamp(input, field);
    case "integer":
      return toInteger(input, "integer", field);
    case "bigint":
      return toInteger(input, "bigint", field);
    case "boolean":
      return toBoolean(input, field);
    case "language":
      return normalizeLanguage(input, field);
    case "topics":
      return toKeyTopics(input, field);
    case "json":
      return parseJsonText(input, field);
  }
}

/** One legacy row → target-typed values plus the issues that lost something. */
export function toTargetValues(row: Record<string, unknown>): { values: TargetValues; issues: TransformIssue[] } {
  const values: TargetValues = {};
  const issues: TransformIssue[] = [];
  for (const { field, column, kind } of CONTENT_FIELDS) {
    if (!(column in row)) continue;
    const result = transform(kind, row[column], field);
    values[field] = result.value;
    if (result.issue) issues.push(result.issue);
  }
  return { values, issues };
}
