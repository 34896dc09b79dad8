import { rmSync } from "node:fs";
import type Database from "better-sqlite3";
import { createLegacyDatabase } from "@/lib/sources/legacy-schema";

/**
 * A generated pair with every messy form the copy meets, each on many videos and in many
 * combinations (each form rotates on its own modulus): timestamp, language, topic, entity and
 * boolean spellings; categorization in every shape DESIGN.md counts, only in the legacy
 * columns, with a JSON list of categories, next to near-misses; legacy `analysis` objects whose
 * keys collide with the card's, that are not objects, that do not parse; summaries in
 * content.summary (plain, literal \n, JSON and Python dicts), in the old table, in
 * summary_variants (revisions, free-text and non-card variants, empty text), and none at all;
 * bare and derived keys, an invalid key, a duplicate, an orphan; a NUL title, a missing title;
 * NAS-new, resurrection and Dashboard-only videos; the NAS on the older schema.
 */
export type MessyPairOptions = { nasPath: string; dashboardPath: string; videos?: number };
type Row = Record<string, string | number | null>;

const BASE = Date.UTC(2025, 2, 1);
const HOUR = 3_600_000;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export function messyVideoId(i: number): string {
  let n = i * 2_654_435_761 + 97;
  let id = "m";
  for (let k = 0; k < 10; k++) {
    id += ALPHABET[n % 64];
    n = Math.floor(n / 64) + k * 7 + i;
  }
  return id;
}

function stamp(ms: number, form: number): string | number {
  const iso = new Date(ms).toISOString();
  switch (form % 5) {
    case 0:
      return iso.replace("T", " ").slice(0, 19);
    case 1:
      return `${iso.slice(0, 19)}Z`;
    case 2:
      return new Date(ms + 2 * HOUR).toISOString().slice(0, 19) + "+02:00";
    case 3:
      return String(Math.floor(ms / 1000));
    default:
      return iso;
  }
}

const LANGUAGES = ["en", "EN", "en-US", "English", "pt_BR", "auto", null, "", "fr"];
const TOPICS = ['["AI", "Databases"]', "AI, Databases ,", "['AI', 'Python']", "[broken", null, '"Solo topic"'];
const ENTITIES = ['["PostgreSQL", "SQLite"]', "[broken", null, '{"org": "YTV2"}'];
const AUDIO: (string | number)[] = [0, 1, "true", "yes", 2];
const PUBLISHED = (ms: number, i: number): string | number | null =>
  [stamp(ms - 30 * 24 * HOUR, 1), stamp(ms - 40 * 24 * HOUR, 0), "None", "", "next tuesday", null][i % 6]!;
const CATEGORY = ["Technology", '["Science", "Education"]', "Business", "Science", "Technology", "Education"];

/** The Dashboard's curation and the analysis column, by form (i % 12). */
function dashboardColumns(i: number): Row {
  const none = { subcategory: null, subcategories_json: null, analysis: null };
  const categories = [{ category: "Technology", subcategories: ["AI", "Tools"] }];
  switch (i % 12) {
    case 0:
      return { ...none, subcategories_json: JSON.stringify({ categories }), subcategory: "AI" };
    case 1:
      return {
        ...none,
        subcategories_json: JSON.stringify({
          categories: [...categories, { category: "Business", subcategories: ["Startups"] }],
        }),
      };
    case 2:
      return { ...none, analysis: JSON.stringify({ categories, sentiment: "informative" }) };
    case 3:
      return { ...none, analysis: JSON.stringify({ subcategories: ["Robotics", "Sensors"], model: "gpt-4o-mini" }) };
    case 4:
      return { ...none, subcategory: "Machine Learning" };
    case 5:
      return { ...none, subcategory: '["Quantum", "Optics"]' };
    case 6:
      return {
        ...none,
        subcategories_json: JSON.stringify({ categories: [{ category: "Business", subcategories: [] }] }),
      };
    case 7:
      return {
        ...none,
        analysis: JSON.stringify({ language: "English", content_type: "rant", complexity: "hard", key_topics: ["x"] }),
      };
    case 8:
      return { ...none, analysis: "[1, 2, 3]" };
    case 9:
      return { ...none, analysis: "{broken" };
    case 10:
      return { ...none, subcategory: "   " };
    default:
      return none;
  }
}

function contentRow(i: number, indexedMs: number, summary: string | null): Row {
  const id = messyVideoId(i);
  const title = i % 53 === 0 ? `Video\u0000 ${i}` : i % 59 === 1 ? null : `Messy video ${i}`;
  return {
    id: i % 41 === 5 ? id : `yt:${id}`,
    title,
    canonical_url: `https://www.youtube.com/watch?v=${id}`,
    thumbnail_url: i % 7 === 3 ? null : `https://i.ytimg.com/vi/${id}/hqdefault.jpg`,
    published_at: PUBLISHED(indexedMs, i),
    indexed_at: stamp(indexedMs, i),
    duration_seconds: i % 17 === 2 ? "12:30" : 60 + ((i * 37) % 3600),
    word_count: 100 + i,
    has_audio: AUDIO[i % AUDIO.length]!,
    audio_duration_seconds: i % 3 === 0 ? 300 + i : null,
    has_transcript: i % 4 === 0 ? 0 : 1,
    transcript_chars: i % 4 === 0 ? null : 4000 + i,
    video_id: i % 43 === 7 ? null : id,
    channel_name: `Channel ${i % 9}`,
    channel_id: `UC${id}`,
    view_count: i * 1001,
    like_count: i * 11,
    comment_count: i,
    category: i % 19 === 4 ? null : CATEGORY[i % CATEGORY.length]!,
    content_type: i % 5 === 0 ? null : ["tutorial", "review", "interview"][i % 3]!,
    complexity_level: i % 6 === 0 ? null : ["Beginner", "Intermediate", "Advanced"][i % 3]!,
    language: LANGUAGES[i % LANGUAGES.length]!,
    key_topics: TOPICS[i % TOPICS.length]!,
    named_entities: ENTITIES[i % ENTITIES.length]!,
    format_source: "youtube",
    processing_status: "completed",
    created_at: stamp(indexedMs, 0),
    updated_at: stamp(indexedMs, 0),
    summary,
  };
}

type Summaries = { column: string | null; old: Row[]; variants: Row[] };

const STRUCTURED = "Key points:\n- First point\n- Second <point> & more\n\nBottom line: worth a watch.";

/** The summaries of video i, by form (i % 11); some leave the video without a card summary. */
function summaries(i: number, contentId: string, at: string | number): Summaries {
  const videoId = messyVideoId(i);
  const variant = (variant_type: string, revision: number, content: string): Row => ({
    video_id: videoId,
    variant_type,
    revision,
    content,
    raw_payload: JSON.stringify({ model: "m", revision }),
    is_latest: 1,
    created_at: typeof at === "number" ? at + revision : `${String(at)}`,
  });
  const old = (summary_type: string | null, summary_text: string): Row => ({
    content_id: contentId,
    summary_text,
    summary_type,
    created_at: at,
  });
  switch (i % 11) {
    case 0:
      return { column: STRUCTURED, old: [], variants: [] };
    case 1:
      return { column: "Line one.\\nLine two.\\n\\nTakeaway: keep it.", old: [], variants: [] };
    case 2:
      return {
        column: JSON.stringify({ comprehensive: "From a JSON dict.", bullet_points: "- a" }),
        old: [],
        variants: [],
      };
    case 3:
      return { column: "{'comprehensive': 'From a Python dict.', 'key_points': None}", old: [], variants: [] };
    case 4:
      return { column: null, old: [old("bullet_points", "- one\n- two")], variants: [] };
    case 5:
      return { column: "Column text.", old: [old(null, "Old table text.\nTakeaway: yes")], variants: [] };
    case 6:
      return {
        column: null,
        old: [],
        variants: [
          variant("comprehensive", 1, "First."),
          variant("comprehensive", 2, "Second."),
          variant("key_points", 1, "- kp"),
        ],
      };
    case 7:
      return {
        column: null,
        old: [],
        variants: [variant("Key Points!", 1, "- odd name"), variant("deep_research", 1, "Long.")],
      };
    case 8:
      return { column: null, old: [], variants: [] };
    case 9:
      return { column: "", old: [], variants: [variant("deep_research", 1, "Only a non-card variant.")] };
    default:
      return {
        column: null,
        old: [],
        variants: [variant("audio-fr:intermediate", 1, "Bonjour."), variant("executive", 1, "")],
      };
  }
}

function insert(db: Database.Database, table: string, rows: Row[]) {
  for (const row of rows) {
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(
      ...columns.map((c) => row[c]),
    );
  }
}

/**
 * Roles by i % 10: 0–6 on both sides, 7 only on the Dashboard, 8 NAS-new, 9 only on the NAS from
 * before the Dashboard's newest video (a resurrection candidate).
 */
export function writeMessyPair(options: MessyPairOptions): { videos: number } {
  const n = options.videos ?? 240;
  for (const path of [options.nasPath, options.dashboardPath]) rmSync(path, { force: true });
  const dashboard = createLegacyDatabase(options.dashboardPath, { version: "current" });
  const nas = createLegacyDatabase(options.nasPath, { version: "older-nas" });
  try {
    const write = (db: Database.Database, side: "nas" | "dashboard", i: number) => {
      const nasNew = i % 10 === 8;
      const indexedMs = nasNew ? BASE + (n + 500 + i) * HOUR : BASE + i * HOUR;
      const base = contentRow(i, indexedMs, null);
      const s = summaries(i, String(base.id), base.created_at!);
      const row: Row = { ...base, summary: s.column };
      if (side === "nas" && i % 13 === 0) {
        row.title = `${String(row.title)} (renamed on the NAS)`;
        row.updated_at = stamp(indexedMs + 48 * HOUR, 0);
      }
      insert(db, "content", [side === "dashboard" ? { ...row, ...dashboardColumns(i) } : row]);
      insert(db, "content_summaries", s.old);
      insert(db, "summary_variants", s.variants);
    };
    nas.transaction(() => {
      for (let i = 0; i < n; i++) if (i % 10 !== 7) write(nas, "nas", i);
      // an invalid key, an older duplicate of video 1, an orphan variant
      insert(nas, "content", [{ ...contentRow(n + 1, BASE, "x"), id: "yt:short", video_id: null }]);
      insert(nas, "content", [
        { ...contentRow(1, BASE + HOUR, "older"), id: messyVideoId(1), updated_at: "2020-01-01 00:00:00" },
      ]);
      insert(nas, "summary_variants", [
        {
          video_id: "orphanvideo",
          variant_type: "comprehensive",
          revision: 1,
          content: "lost",
          is_latest: 1,
          created_at: "2025-01-01",
        },
      ]);
    })();
    dashboard.transaction(() => {
      for (let i = 0; i < n; i++) if (i % 10 <= 7) write(dashboard, "dashboard", i);
    })();
    return { videos: n };
  } finally {
    nas.close();
    dashboard.close();
  }
}
