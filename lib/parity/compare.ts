import { diffCategorization } from "@/lib/diff/categorization-diff";
import { CONTENT_COLUMNS } from "@/lib/copy/staging";
import { canonicalJson } from "@/lib/common/canonical-json";
import type { Difference } from "./kinds";

/**
 * One video's comparison, pure: the merged live sources (through the copy's own merge, so a
 * video copied unchanged compares equal) against the target's rows. Presence first, then every
 * migrated field, the categorization (semantically: the same categories and subcategories,
 * whichever column holds them), and the latest summary text of each variant.
 */
export type ParityRecord = {
  /** content columns in canonical form (lib/verify/record-hash.ts) */
  content: Record<string, unknown>;
  /** variant → SHA-256 of the latest summary's text */
  latest: Map<string, string | null>;
};

export type PresenceContext = {
  /** what the merge of the live sources does with the video; undefined when neither file has it */
  merged?: { mergeCase: string; copied: boolean };
  /** the copy's plan: whether the copy copied the video or left it out; undefined when the video is new since */
  planned?: "copy" | "skip";
  /** the video was written by the NAS since the copy: only the fields the NAS writes are compared */
  newSinceCopy: boolean;
};

/** Compared semantically as `categories`, not column by column. */
export const CATEGORIZATION_COLUMNS: ReadonlySet<string> = new Set([
  "subcategories_json",
  "subcategory",
  "analysis_json",
]);
/**
 * Not compared: row bookkeeping the target's own trigger sets, and what the copy derives from
 * the compared columns (summary_type_latest from the summaries, analysis_json's facts).
 */
const NOT_COMPARED = new Set(["video_id", "created_at", "updated_at", "summary_type_latest"]);

/** YTV2-CONTRACT.md §4: what the NAS writes into both stores for a video it processes. */
export const NAS_WRITTEN_FIELDS = [
  "title",
  "channel_name",
  "indexed_at",
  "duration_seconds",
  "thumbnail_url",
  "canonical_url",
  "topics_json",
  "has_audio",
  "language",
] as const;

export const COMPARED_FIELDS = CONTENT_COLUMNS.filter((c) => !NOT_COMPARED.has(c) && !CATEGORIZATION_COLUMNS.has(c));

const SHOWN_CHARS = 300;

export function shown(value: unknown): string {
  const text = typeof value === "string" ? value : canonicalJson(value ?? null);
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

function presence(videoId: string, kind: Difference["kind"], sourceValue: string, targetValue: string): Difference {
  return { videoId, kind, field: null, sourceValue, targetValue };
}

export function compareVideo(
  videoId: string,
  source: ParityRecord | null,
  target: ParityRecord | null,
  context: PresenceContext,
): Difference[] {
  // Each sentence says what holds now, and no more: which file had a video at the copy is not
  // known here (a Dashboard-only video deleted on the Dashboard was never "deleted in both").
  if (source && !target) {
    return [
      context.planned === "copy"
        ? presence(videoId, "delete_drift", "present", "not in PostgreSQL now (step 3 copied it)")
        : presence(videoId, "missing_in_target", "present", "not in PostgreSQL"),
    ];
  }
  if (!source && target) {
    if (context.merged?.mergeCase === "resurrection_candidate")
      return [
        presence(
          videoId,
          "delete_drift",
          "not in the Dashboard file, still in the NAS file: the merge keeps it out as deleted on the Dashboard",
          "present",
        ),
      ];
    if (!context.merged && context.planned === "copy")
      return [presence(videoId, "delete_drift", "in neither SQLite file now (step 3 copied it)", "present")];
    return [
      presence(
        videoId,
        "missing_in_source",
        context.merged ? "left out by the owner's decision" : "in neither SQLite file",
        "present",
      ),
    ];
  }
  if (!source || !target) return []; // left out on purpose, or gone from every store
  return [
    ...fieldDrift(videoId, source, target, context),
    ...categorizationDrift(videoId, source, target),
    ...summaryDrift(videoId, source, target),
  ];
}

function fieldDrift(
  videoId: string,
  source: ParityRecord,
  target: ParityRecord,
  context: PresenceContext,
): Difference[] {
  const fields: readonly string[] = context.newSinceCopy ? NAS_WRITTEN_FIELDS : COMPARED_FIELDS;
  const out: Difference[] = [];
  for (const field of fields) {
    const a = canonicalJson(source.content[field] ?? null);
    const b = canonicalJson(target.content[field] ?? null);
    if (a !== b) out.push({ videoId, kind: "field_drift", field, sourceValue: shown(a), targetValue: shown(b) });
  }
  return out;
}

function categorizationInput(content: Record<string, unknown>) {
  return {
    subcategories_json: content.subcategories_json ?? null,
    analysis_json: content.analysis_json ?? null,
    subcategory: content.subcategory ?? null,
    category: content.category ?? null,
  };
}

function categorizationDrift(videoId: string, source: ParityRecord, target: ParityRecord): Difference[] {
  const diff = diffCategorization(categorizationInput(source.content), categorizationInput(target.content));
  if (diff.identical) return [];
  return [
    {
      videoId,
      kind: "categorization_drift",
      field: "categories",
      sourceValue: shown(diff.left.categories),
      targetValue: shown(diff.right.categories),
    },
  ];
}

function summaryDrift(videoId: string, source: ParityRecord, target: ParityRecord): Difference[] {
  const variants = [...new Set([...source.latest.keys(), ...target.latest.keys()])].sort();
  return variants.flatMap((variant): Difference[] => {
    const a = source.latest.get(variant);
    const b = target.latest.get(variant);
    if (a === b) return [];
    return [
      {
        videoId,
        kind: "summary_drift",
        field: variant,
        sourceValue: a === undefined ? "no summary" : `text sha256 ${a}`,
        targetValue: b === undefined ? "no summary" : `text sha256 ${b}`,
      },
    ];
  });
}
