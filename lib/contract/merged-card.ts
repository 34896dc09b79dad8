import type { MergedRecord } from "@/lib/merge/merge-record";
import { cardSummary } from "@/lib/merge/placeholder";
import { canonicalHash } from "@/lib/merge/transforms";
import { cardCategories, list, numberOrNull, type Card, type CategoryEntry } from "./card";

/**
 * The card the PostgreSQL-era Dashboard should show for a merged record, built from the merged
 * values the owner reviewed: each §2 fact from its merged column (not from the analysis_json
 * the copy built from it), the chips by the card's own reading, the summary the card list picks
 * (named by its revision; its text and html are left out as readCards leaves them out, since
 * the record hash compares every summary's). Verify compares it with the card dashboard-pg.ts
 * reads back from the target.
 */
export type ListedCard = { card: Card; listed: boolean; revision: number | null };

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);

export function mergedCard(record: MergedRecord): ListedCard | null {
  const v = record.content;
  if (!v) return null;
  const analysis = (typeof v.analysis_json === "object" && v.analysis_json !== null ? v.analysis_json : {}) as Record<
    string,
    unknown
  >;
  const categories = cardCategories(v.subcategories_json, analysis);
  const summary = cardSummary(record.summaries);
  return {
    card: {
      id: text(v.id),
      title: String(v.title ?? ""),
      thumbnail_url: (v.thumbnail_url as string | null) ?? null,
      canonical_url: (v.canonical_url as string | null) ?? null,
      channel: (v.channel_name as string | null) ?? null,
      published_at: (v.published_at as string | null) ?? null,
      duration_seconds: numberOrNull(v.duration_seconds),
      analysis: {
        category: text(v.category),
        subcategory: text(v.subcategory),
        categories,
        content_type: text(v.content_type),
        complexity_level: text(v.complexity_level) ?? text(analysis.complexity),
        language: text(v.language) ?? "en",
        key_topics: list(v.topics_json),
        named_entities: list(v.named_entities_json),
      },
      media: {
        has_audio: v.has_audio === true,
        audio_duration_seconds: numberOrNull(v.audio_duration_seconds),
        has_transcript: v.has_transcript === true,
        transcript_chars: numberOrNull(v.transcript_chars),
      },
      video_id: record.videoId,
      indexed_at: (v.indexed_at as string | null) ?? null,
      word_count: numberOrNull(v.word_count),
      summary: summary ? { variant: summary.variant, text: null, html: null, summary_type: summary.variant } : null,
    },
    // the copy renders html for every summary it writes, so the card's summary has some
    listed: summary !== null,
    revision: summary?.revision ?? null,
  };
}

export function cardHash(card: ListedCard): string {
  return canonicalHash(card);
}

/** The card fields (dotted paths) where two cards differ, to name them in a mismatch. */
export function differingCardFields(a: ListedCard, b: ListedCard): string[] {
  const flat = (c: ListedCard) => {
    const out = new Map<string, string>([
      ["listed", JSON.stringify(c.listed)],
      ["summary.revision", JSON.stringify(c.revision)],
    ]);
    for (const [key, value] of Object.entries(c.card)) {
      if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [inner, x] of Object.entries(value)) out.set(`${key}.${inner}`, canonicalHash(x ?? null));
      } else out.set(key, canonicalHash(value ?? null));
    }
    return out;
  };
  const x = flat(a);
  const y = flat(b);
  return [...new Set([...x.keys(), ...y.keys()])].filter((k) => x.get(k) !== y.get(k));
}

/** Whether the card's chips show every category and subcategory of the record's categorization. */
export function showsCategorization(card: CategoryEntry[], expected: CategoryEntry[]): boolean {
  if (expected.length === 0) return true;
  return expected.every((entry) => {
    const shown = card.filter((c) => c.category === entry.category).flatMap((c) => c.subcategories);
    return card.some((c) => c.category === entry.category) && entry.subcategories.every((s) => shown.includes(s));
  });
}
