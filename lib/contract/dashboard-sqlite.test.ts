import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLegacyDatabase } from "@/lib/sources/legacy-schema";
import { listSqliteCards, readSqliteCard, readSqliteFacets, sqliteCard } from "./dashboard-sqlite";

/** The SQLite-era Dashboard's reads on a real legacy SQLite file (YTV2-CONTRACT.md §3). */
let db: Database.Database;

const row = (id: string, over: Record<string, unknown>) => ({
  id: `yt:${id}`,
  video_id: id,
  title: `Title ${id}`,
  channel_name: "Channel",
  language: "en",
  category: "Technology",
  ...over,
});

beforeAll(() => {
  db = createLegacyDatabase(":memory:", { version: "current" });
  const rows = [
    // indexed_at in three spellings; as text, "2026-01-05T…" > "2026-01-05 …" > "2026-01-01 …" > "1767…"
    row("aaaaaaaaaaa", { indexed_at: "2026-01-05 10:00:00", published_at: "2025-01-01T00:00:00Z", title: "Bread" }),
    row("bbbbbbbbbbb", { indexed_at: "2026-01-05T09:00:00Z", published_at: "2025-06-01T00:00:00Z", language: "fr" }),
    row("ccccccccccc", { indexed_at: "1767700000", published_at: null, summary: "all about bread" }),
    row("ddddddddddd", {
      indexed_at: "2026-01-01 00:00:00",
      category: '["Science", "Education"]',
      subcategory: "Optics",
      has_audio: "true",
      key_topics: "AI, Python",
    }),
    row("eeeeeeeeeee", {
      indexed_at: null,
      category: "Business",
      subcategories_json: JSON.stringify({ categories: [{ category: "Finance", subcategories: ["Tax"] }] }),
    }),
  ];
  for (const r of rows) {
    const columns = Object.keys(r);
    db.prepare(`INSERT INTO content (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(
      ...columns.map((c) => (r as Record<string, unknown>)[c]),
    );
  }
});
afterAll(() => db.close());

describe("the SQLite-era Dashboard's reads", () => {
  it("lists every content row, summary or not", () => {
    expect(listSqliteCards(db, { size: 50 }).total_count).toBe(5);
  });

  it("sorts added_desc on the TEXT indexed_at as text, so mixed spellings order by their characters", () => {
    const ids = listSqliteCards(db, { sort: "added_desc" })
      .cards.map((c) => c.video_id![0])
      .join("");
    // as instants c (2026-01-06) would come first; as text it comes after every ISO spelling, NULL last
    expect(ids).toBe("badce");
  });

  it("means published_at by newest", () => {
    const ids = listSqliteCards(db, { sort: "newest" })
      .cards.map((c) => c.video_id![0])
      .join("");
    expect(ids.slice(0, 2)).toBe("ba");
  });

  it("filters a category on the category column (a name or a JSON list) and on subcategories_json", () => {
    const ids = (category: string) => listSqliteCards(db, { category }).cards.map((c) => c.video_id);
    expect(ids("Science")).toEqual(["ddddddddddd"]);
    expect(ids("Finance")).toEqual(["eeeeeeeeeee"]);
    expect(ids("Business")).toEqual(["eeeeeeeeeee"]);
    expect(ids("Technology")).toHaveLength(3);
  });

  it("filters on language and searches title or summary, title matches first", () => {
    expect(listSqliteCards(db, { language: "fr" }).cards.map((c) => c.video_id)).toEqual(["bbbbbbbbbbb"]);
    expect(listSqliteCards(db, { search: "bread", sort: "title_za" }).cards.map((c) => c.video_id)).toEqual([
      "aaaaaaaaaaa",
      "ccccccccccc",
    ]);
  });

  it("builds the card from the columns, in the PostgreSQL era's shape", () => {
    const card = readSqliteCard(db, "yt:ddddddddddd")!;
    expect(card).toMatchObject({
      id: "yt:ddddddddddd",
      indexed_at: "2026-01-01 00:00:00",
      summary: null,
      analysis: {
        category: '["Science", "Education"]',
        subcategory: "Optics",
        categories: [
          { category: "Science", subcategories: ["Optics"] },
          { category: "Education", subcategories: ["Optics"] },
        ],
        key_topics: ["AI", "Python"],
        language: "en",
      },
      media: { has_audio: true },
    });
    expect(readSqliteCard(db, "ddddddddddd")).toEqual(card);
    expect(sqliteCard({ title: null }).title).toBe("");
  });

  it("counts facets over every row", () => {
    const facets = readSqliteFacets(db);
    expect(facets.language).toEqual([
      { value: "en", count: 4 },
      { value: "fr", count: 1 },
    ]);
    expect(facets.categories.find((f) => f.value === "Technology")).toEqual({ value: "Technology", count: 3 });
    expect(facets.summary_type).toEqual([]);
  });
});
