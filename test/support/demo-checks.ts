import type Database from "better-sqlite3";
import { expect } from "vitest";
import { isCategorizationRecord } from "@/lib/sources/categorization";
import type { DemoMessyCase } from "@/lib/demo/demo-messy";
import type { DemoPairExpected } from "@/lib/demo/generate-demo-pair";

/**
 * Test support: verifies each listed messy case against the written files with plain SQL,
 * independently of how the generator built it. Every case name needs a check here.
 */
export type Pair = { nas: Database.Database; dashboard: Database.Database };
type Row = Record<string, unknown>;

/** A deliberately small parser for the legacy spellings (DESIGN.md); null when unparseable. */
export function parseLegacyTimestamp(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value * 1000;
  const text = String(value).trim();
  if (/^\d{9,11}$/.test(text)) return Number(text) * 1000;
  const sql = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
  if (sql) return Date.parse(`${sql[1]}T${sql[2]}Z`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return Date.parse(text);
  return null;
}

const FORMATS: Record<string, RegExp> = {
  "timestamp-sql": /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  "timestamp-iso-z": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
  "timestamp-iso-offset": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/,
  "timestamp-epoch-text": /^\d{10}$/,
};

function sidesOf(pair: Pair, entry: DemoMessyCase): Database.Database[] {
  return entry.source === "both" ? [pair.nas, pair.dashboard] : [pair[entry.source]];
}

function contentRow(db: Database.Database, entry: DemoMessyCase): Row {
  const row = db.prepare("SELECT * FROM content WHERE id = ?").get(entry.rowId ?? `yt:${entry.videoId}`) as Row;
  expect(row, `${entry.name}: content row ${entry.rowId}`).toBeDefined();
  return row;
}

function oldSummary(db: Database.Database, entry: DemoMessyCase): Row {
  return db
    .prepare("SELECT *, typeof(created_at) AS created_type FROM content_summaries WHERE content_id = ?")
    .get(entry.rowId) as Row;
}

function variants(db: Database.Database, videoId: string, variantType: string): Row[] {
  return db
    .prepare(
      "SELECT *, typeof(created_at) AS created_type FROM summary_variants WHERE video_id = ? AND variant_type = ? ORDER BY revision",
    )
    .all(videoId, variantType) as Row[];
}

function checkSummaryText(name: string, text: unknown) {
  const value = String(text);
  if (name.endsWith("json-dict")) expect(JSON.parse(value).comprehensive).toEqual(expect.any(String));
  if (name.endsWith("python-dict")) {
    expect(value.startsWith("{'comprehensive': 'It\\'s")).toBe(true);
    expect(value).toMatch(/'key_points': None.*True\}$/);
    expect(() => JSON.parse(value)).toThrow();
  }
  if (name.endsWith("literal-newlines")) {
    expect(value).toContain("\\n");
    expect(value).not.toContain("\n");
  }
}

export function checkMessyCase(pair: Pair, entry: DemoMessyCase, expected: DemoPairExpected) {
  const { name } = entry;
  const highWaterMark = Date.parse(expected.dashboardHighWaterMark);
  const naiveMax = () =>
    (pair.dashboard.prepare("SELECT indexed_at FROM content").pluck().all() as string[]).map(String).sort().at(-1)!;
  for (const db of sidesOf(pair, entry)) {
    const row = () => contentRow(db, entry);
    switch (name) {
      case "categorization-near-miss":
        expect(isCategorizationRecord(row())).toBe(false);
        expect([row().subcategory, row().subcategories_json, row().analysis].some((v) => v !== null)).toBe(true);
        break;
      case "bad-json":
        expect(() => JSON.parse(String(row().named_entities))).toThrow();
        break;
      case "language-english":
      case "language-en-us":
      case "language-upper-en":
        expect(row().language).toBe(
          { "language-english": "English", "language-en-us": "en-US", "language-upper-en": "EN" }[name],
        );
        break;
      case "nul-title":
        expect(String(row().title)).toContain("\u0000");
        break;
      case "has-audio-text-true":
        expect(db.prepare("SELECT typeof(has_audio) FROM content WHERE id = ?").pluck().get(entry.rowId)).toBe("text");
        expect(row().has_audio).toBe("true");
        break;
      case "published-at-none-string":
      case "published-at-empty":
        expect(row().published_at).toBe(name === "published-at-empty" ? "" : "None");
        break;
      case "indexed-at-missing":
        expect(row().indexed_at).toBeNull();
        expect(parseLegacyTimestamp(row().created_at)).toBeGreaterThan(highWaterMark);
        break;
      case "key-topics-comma-list":
        expect(String(row().key_topics)).toMatch(/^[^[].*, /);
        break;
      case "bare-legacy-id":
        expect(row().id).toBe(entry.videoId);
        break;
      case "video-id-null-derivable":
        expect(row().video_id).toBeNull();
        expect(row().id).toBe(`yt:${entry.videoId}`);
        break;
      case "category-changed-on-dashboard": {
        const nas = contentRow(pair.nas, entry);
        expect(row().category).not.toBe(nas.category);
        break;
      }
      case "invalid-key":
        expect(row().video_id).toBeNull();
        expect(String(row().id)).toMatch(/^yt:[A-Za-z0-9_-]{9}$/);
        break;
      case "duplicate-key": {
        const rows = db.prepare("SELECT id, updated_at FROM content WHERE video_id = ?").all(entry.videoId) as Row[];
        expect(rows).toHaveLength(2);
        expect(new Set(rows.map((r) => r.id)).size).toBe(2);
        expect(new Set(rows.map((r) => r.updated_at)).size).toBe(2);
        break;
      }
      case "timestamp-sql":
      case "timestamp-iso-z":
      case "timestamp-iso-offset":
      case "timestamp-epoch-text":
        expect(String(row().indexed_at)).toMatch(FORMATS[name]);
        expect(parseLegacyTimestamp(row().indexed_at)).not.toBeNull();
        break;
      case "high-water-mark":
        expect(parseLegacyTimestamp(row().indexed_at)).toBe(highWaterMark);
        break;
      case "high-water-mark-naive-max":
        expect(row().indexed_at).toBe(naiveMax());
        expect(parseLegacyTimestamp(row().indexed_at)).toBeLessThan(highWaterMark);
        break;
      case "resurrection-near-high-water-mark":
        expect(parseLegacyTimestamp(row().indexed_at)).toBeLessThanOrEqual(highWaterMark);
        expect(String(row().indexed_at) > naiveMax()).toBe(true);
        break;
      case "nas-new-epoch-text":
        expect(String(row().indexed_at)).toMatch(/^\d{10}$/);
        expect(parseLegacyTimestamp(row().indexed_at)).toBeGreaterThan(highWaterMark);
        break;
      case "summary-json-dict":
      case "summary-python-dict":
      case "summary-literal-newlines":
        checkSummaryText(name, row().summary);
        break;
      case "content-summaries-json-dict":
      case "content-summaries-python-dict":
      case "content-summaries-literal-newlines":
        checkSummaryText(name, oldSummary(db, entry).summary_text);
        break;
      case "content-summaries-bullet-points":
        expect(oldSummary(db, entry).summary_type).toBe("bullet_points");
        expect(String(oldSummary(db, entry).summary_text)).toMatch(/^(- |• )/);
        break;
      case "timestamp-epoch-int":
        expect(oldSummary(db, entry).created_type).toBe("integer");
        break;
      case "variant-revisions": {
        const rows = variants(db, entry.videoId!, "comprehensive");
        expect(rows.map((r) => r.revision)).toEqual(db === pair.nas ? [1, 2, 3] : [1, 2]);
        expect(rows[0].created_type).toBe("integer");
        expect(rows.filter((r) => r.is_latest === 1).map((r) => r.revision)).toEqual([rows.length]);
        break;
      }
      case "variant-revision-text-conflict": {
        const [nasRev2, dashboardRev2] = [pair.nas, pair.dashboard].map(
          (side) => variants(side, entry.videoId!, "bullet_points")[1],
        );
        expect(nasRev2.revision).toBe(2);
        expect(nasRev2.content).not.toBe(dashboardRev2.content);
        expect(nasRev2.created_at).not.toBe(dashboardRev2.created_at);
        break;
      }
      case "variant-three-revisions":
        expect(variants(db, entry.videoId!, "key_points").map((r) => [r.revision, r.is_latest])).toEqual([
          [1, 0],
          [2, 0],
          [3, 1],
        ]);
        break;
      case "variant-two-latest":
        expect(variants(db, entry.videoId!, "comprehensive").map((r) => r.is_latest)).toEqual([1, 1]);
        break;
      case "orphan-variant":
        expect(variants(db, entry.videoId!, "comprehensive")).toHaveLength(1);
        for (const side of [pair.nas, pair.dashboard]) {
          const query = "SELECT count(*) FROM content WHERE video_id = ? OR id IN (?, ?)";
          expect(side.prepare(query).pluck().get(entry.videoId, entry.videoId, `yt:${entry.videoId}`)).toBe(0);
        }
        break;
      case "title-conflict":
        expect(contentRow(pair.nas, entry).title).not.toBe(contentRow(pair.dashboard, entry).title);
        break;
      default:
        throw new Error(`no check for messy case ${name}`);
    }
  }
}
