import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";
import { applySchema } from "./apply";
import { readCatalog, type CatalogSnapshot } from "./catalog";

/** The objects and names of YTV2-CONTRACT.md §1, as the live catalog and real writes show them. */
let db: TestDatabase;
let client: pg.Client;
let catalog: CatalogSnapshot;

beforeAll(async () => {
  db = await createTestDatabase("contract");
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await applySchema(client);
  catalog = await readCatalog(client);
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe("the contract's objects and names", () => {
  it("has touch_updated_at() on both tables' updated_at triggers and mark_latest_summary() as the latest pointer", () => {
    expect(Object.keys(catalog.functions)).toEqual(
      expect.arrayContaining(["touch_updated_at()", "mark_latest_summary()"]),
    );
    expect(catalog.triggers["content.content_touch_updated_at"]).toMatch(
      /BEFORE UPDATE .* EXECUTE FUNCTION touch_updated_at\(\)$/,
    );
    expect(catalog.triggers["content_summaries.content_summaries_touch_updated_at"]).toMatch(/touch_updated_at\(\)$/);
    expect(catalog.triggers["content_summaries.content_summaries_latest_before"]).toMatch(
      /BEFORE INSERT OR UPDATE .* EXECUTE FUNCTION mark_latest_summary\(\)$/,
    );
    expect(Object.keys(catalog.functions).filter((f) => f.startsWith("ytv2_touch"))).toEqual([]);
  });

  it("has v_latest_summaries expose every column of content_summaries, ties by created_at DESC, revision DESC", async () => {
    const table = Object.keys(catalog.columns)
      .filter((c) => c.startsWith("content_summaries."))
      .map((c) => c.slice("content_summaries.".length));
    expect([...catalog.viewColumns.v_latest_summaries!].sort()).toEqual(table.sort());
    const { rows } = await client.query<{ def: string }>("SELECT pg_get_viewdef('v_latest_summaries') AS def");
    expect(rows[0]!.def.replace(/\s+/g, " ")).toMatch(/DISTINCT ON .* ORDER BY .*created_at DESC, .*revision DESC/);
  });

  it("has the contract's columns, nullability and defaults", () => {
    expect(catalog.columns["content.id"]).toEqual({ type: "text", notNull: false });
    expect(catalog.columns["content.language"]).toEqual({ type: "text", notNull: false });
    expect(catalog.columns["content.summary_type_latest"]).toEqual({ type: "text", notNull: false });
    expect(catalog.columns["content_summaries.summary_type"]).toEqual({ type: "text", notNull: false });
    expect(catalog.columns["content_summaries.html"]).toEqual({ type: "text", notNull: false });
    for (const table of ["content", "content_summaries"]) {
      expect(catalog.columns[`${table}.created_at`]).toEqual({ type: "timestamp with time zone", notNull: true });
      expect(catalog.columns[`${table}.updated_at`]).toEqual({ type: "timestamp with time zone", notNull: true });
    }
    const checks = catalog.constraints.filter((c) => c.contype === "c" && c.table.startsWith("content"));
    expect(checks.map((c) => c.name)).toEqual(["content_summaries_revision_check"]);
  });

  it("has the indexes the card list relies on", () => {
    expect(catalog.indexes.content_indexed_at_desc_idx?.definition).toMatch(/btree \(indexed_at DESC\)$/);
    for (const column of ["subcategories_json", "analysis_json", "topics_json"]) {
      expect(catalog.indexes[`content_${column}_gin`]?.definition).toMatch(/USING gin/);
    }
    // the embedded server ships pg_trgm, so the trigram index is there
    expect(catalog.extensions.available).toContain("pg_trgm");
    expect(catalog.indexes.content_title_trgm_idx?.definition).toMatch(/gin \(title gin_trgm_ops\)$/);
  });

  it("takes the NAS's writes the earlier CHECKs refused, with no id, and a summary with only the writer's columns", async () => {
    await client.query("BEGIN");
    try {
      await client.query(
        "INSERT INTO content (video_id, title, language) VALUES ('reddit:abc', 't', 'en-US'), ('https://example.org/a', 'web', 'pt_BR')",
      );
      const { rows } = await client.query(
        `INSERT INTO content_summaries (video_id, variant, text, html, revision, created_at)
         VALUES ('reddit:abc', 'audio-fr:intermediate', 't', NULL, NULL, now()) RETURNING id, revision, is_latest`,
      );
      expect(rows[0]).toMatchObject({ revision: 1, is_latest: true });
      expect(rows[0].id).not.toBeNull();
      const content = await client.query("SELECT id, has_audio FROM content WHERE video_id = 'reddit:abc'");
      expect(content.rows).toEqual([{ id: null, has_audio: false }]);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
