import type { CatalogueVideo } from "./catalogue";
import type { Prng } from "./prng";
import { summaryTexts, wordCount, type SummaryTexts } from "./summaries";
import { DAY, formatTimestamp, type TimestampFormat } from "./timestamps";

/** One row as it will be inserted: column name → SQLite value. */
export type Row = Record<string, string | number | null>;

/** A demo video before it is written to either side. */
export type DemoVideo = {
  video: CatalogueVideo;
  videoId: string;
  channelId: string;
  /** the instant the NAS processed it (epoch ms) */
  indexedAt: number;
  indexedFormat: TimestampFormat;
  /** the zone offset an "iso-offset" indexed_at is written in */
  indexedOffsetMinutes: number;
  /** "bare": a legacy row whose id is the video id without the `yt:` prefix */
  idForm: "yt" | "bare";
  texts: SummaryTexts;
};

const CONTENT_TYPES = ["explainer", "tutorial", "review", "documentary", "interview"];
const COMPLEXITY = ["Beginner", "Intermediate", "Advanced"];

export function demoVideo(
  video: CatalogueVideo,
  ids: { videoId: string; channelId: string },
  when: { indexedAt: number; indexedFormat: TimestampFormat; indexedOffsetMinutes?: number },
): DemoVideo {
  const { indexedAt, indexedFormat, indexedOffsetMinutes = 120 } = when;
  return { video, ...ids, indexedAt, indexedFormat, indexedOffsetMinutes, idForm: "yt", texts: summaryTexts(video) };
}

export function contentId(demo: DemoVideo): string {
  return demo.idForm === "yt" ? `yt:${demo.videoId}` : demo.videoId;
}

/** The content row both programs wrote for a processed video (without the Dashboard-only columns). */
export function contentRow(demo: DemoVideo, prng: Prng): Row {
  const { video } = demo;
  const duration = prng.int(240, 3_600);
  const hasAudio = prng.next() < 0.6 ? 1 : 0;
  const hasTranscript = prng.next() < 0.9 ? 1 : 0;
  const views = Math.round(Math.exp(prng.int(700, 1_450) / 100));
  const topics = prng.shuffle(video.theme.topics).slice(0, 3);
  const entities = prng.shuffle(video.theme.entities).slice(0, prng.int(2, 3));
  const indexed = formatTimestamp(demo.indexedAt, demo.indexedFormat, demo.indexedOffsetMinutes);
  const created = formatTimestamp(demo.indexedAt, "sql");
  return {
    id: contentId(demo),
    title: video.title,
    canonical_url: `https://www.youtube.com/watch?v=${demo.videoId}`,
    thumbnail_url: `https://i.ytimg.com/vi/${demo.videoId}/hqdefault.jpg`,
    published_at: formatTimestamp(demo.indexedAt - prng.int(1, 20) * DAY - prng.int(0, 86_399) * 1000, "iso-z"),
    indexed_at: String(indexed),
    duration_seconds: duration,
    word_count: wordCount(demo.texts.comprehensive),
    has_audio: hasAudio,
    audio_duration_seconds: hasAudio ? duration : null,
    has_transcript: hasTranscript,
    transcript_chars: hasTranscript ? duration * prng.int(12, 16) : null,
    video_id: demo.videoId,
    channel_name: video.channel,
    channel_id: demo.channelId,
    view_count: views,
    like_count: Math.round(views * prng.int(15, 45) * 0.001),
    comment_count: Math.round(views * prng.int(1, 6) * 0.001),
    category: video.theme.category,
    content_type: prng.pick(CONTENT_TYPES),
    complexity_level: prng.pick(COMPLEXITY),
    language: "en",
    key_topics: JSON.stringify(topics),
    named_entities: JSON.stringify(entities),
    format_source: prng.next() < 0.8 ? "youtube" : "yt-dlp",
    processing_status: "completed",
    created_at: String(created),
    updated_at: String(created),
    summary: demo.texts.comprehensive,
  };
}

/** The Dashboard's extra columns, empty until the owner curates the row. */
export const EMPTY_CATEGORIZATION: Row = { subcategory: null, subcategories_json: null, analysis: null };

export function contentSummaryRow(
  demo: DemoVideo,
  text: string,
  createdAt: string | number,
  summaryType = "comprehensive",
): Row {
  return { content_id: contentId(demo), summary_text: text, summary_type: summaryType, created_at: createdAt };
}

export type VariantInput = {
  videoId: string;
  variantType: "comprehensive" | "bullet_points" | "key_points";
  revision: number;
  content: string;
  createdAt: string | number;
};

export function variantRow(input: VariantInput): Row {
  return {
    video_id: input.videoId,
    variant_type: input.variantType,
    revision: input.revision,
    content: input.content,
    raw_payload: JSON.stringify({
      model: "gpt-4o-mini",
      prompt_version: `v${2 + input.revision}`,
      text: input.content,
    }),
    metadata: JSON.stringify({ language: "en", source: "transcript", revision: input.revision }),
    is_latest: 1,
    created_at: input.createdAt,
    updated_at: input.createdAt,
    file_size: Buffer.byteLength(input.content, "utf8"),
    word_count: wordCount(input.content),
  };
}

/** Revision-1 variants the processing code wrote for a video (key points for every other video). */
export function firstVariants(demo: DemoVideo, createdAt: string | number): Row[] {
  const base = { videoId: demo.videoId, revision: 1, createdAt };
  const rows = [
    variantRow({ ...base, variantType: "comprehensive", content: demo.texts.comprehensive }),
    variantRow({ ...base, variantType: "bullet_points", content: demo.texts.bulletPoints }),
  ];
  if (demo.video.indexInTheme % 2 === 0) {
    rows.push(variantRow({ ...base, variantType: "key_points", content: demo.texts.keyPoints }));
  }
  return rows;
}
