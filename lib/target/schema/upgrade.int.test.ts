import { readFileSync } from "node:fs";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/support/postgres";
import { insertSummary, upsertContent } from "@/lib/contract/nas-writes";
import { listCards } from "@/lib/contract/dashboard-pg";
import { applySchema } from "./apply";
import { renderDdl } from "./ddl";
import { planSchema } from "./plan";
import { applySchemaStep } from "./run-schema-step";

/**
 * A target the earlier version of this tool created (fixtures/earlier-ddl.sql is ddl.sql as it
 * was before the YTV2 contract), with rows in it, brought to the new shape by apply, and by
 * the new ddl.sql run on its own: only loosening, and no row lost.
 */
const EARLIER_DDL = readFileSync(new URL("./fixtures/earlier-ddl.sql", import.meta.url), "utf8");
const dbs: TestDatabase[] = [];
const clients: pg.Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  for (const d of dbs.splice(0)) await d.drop();
});

async function earlierTarget() {
  const db = await createTestDatabase("upgrade");
  dbs.push(db);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  clients.push(client);
  await client.query(EARLIER_DDL);
  // Rows as the earlier copy wrote them: two videos, history, quarantine, a flag someone set.
  await client.query(`INSERT INTO content (video_id, id, title, language, indexed_at, analysis_json) VALUES
    ('aaaaaaaaaaa', 'yt:aaaaaaaaaaa', 'First', 'en', '2026-01-01T00:00:00Z', '{"sentiment": "positive"}'),
    ('bbbbbbbbbbb', 'yt:bbbbbbbbbbb', 'Second', NULL, '2026-01-02T00:00:00Z', NULL)`);
  await client.query(`INSERT INTO content_summaries (video_id, variant, revision, text, html) VALUES
    ('aaaaaaaaaaa', 'comprehensive', 2, 'two', '<p>two</p>'),
    ('aaaaaaaaaaa', 'comprehensive', 1, 'one', '<p>one</p>'),
    ('bbbbbbbbbbb', 'bullet-points', 1, '- b', '<ul><li>b</li></ul>')`);
  await client.query(`INSERT INTO migration_quarantine (source, source_table, source_key, video_id, reason, field, detail, raw)
    VALUES ('nas', 'content', 'yt:x', NULL, 'invalid_key', NULL, 'bad key', '{"id": "yt:x"}')`);
  await client.query("UPDATE migration_flags SET enabled = true WHERE name = 'dual_write_mode'");
  return { client, url: db.url };
}

/** Every row of every table, as text, in a stable order: what "no row lost" compares. */
async function allRows(client: pg.Client) {
  const tables = ["content", "content_summaries", "migration_flags", "migration_quarantine", "parity_log"];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    // the new columns are NULL on the old rows; compare what the rows had
    const { rows } = await client.query(
      `SELECT to_jsonb(t) - 'summary_type_latest' - 'summary_type' AS row FROM ${table} t`,
    );
    out[table] = rows.map((r: { row: unknown }) => JSON.stringify(r.row)).sort();
  }
  return out;
}

describe("a target created by the earlier version of this tool", () => {
  it("is brought forward by statements the preview shows, loosening only, with no row lost", async () => {
    const { client, url } = await earlierTarget();
    const before = await allRows(client);

    const plan = await planSchema(client);
    expect(plan.conflicts).toEqual([]);
    const outdated = plan.items.filter((i) => i.state === "outdated").map((i) => `${i.kind} ${i.name}`);
    expect(outdated.sort()).toEqual(
      [
        "column content.id",
        "column content.has_audio",
        "column content_summaries.html",
        "constraint migration_quarantine_reason_check",
        "trigger content_touch_updated_at",
        "trigger content_summaries_touch_updated_at",
        "trigger content_summaries_latest_before",
        "trigger migration_flags_touch_updated_at",
        "view v_latest_summaries",
        "constraint content_video_id_check",
        "constraint content_language_check",
        "constraint content_summaries_variant_check",
        "function ytv2_touch_updated_at()",
        "function ytv2_summaries_latest_before()",
      ].sort(),
    );
    expect(plan.items.filter((i) => i.state === "missing").map((i) => i.name)).toEqual([
      "touch_updated_at()",
      "mark_latest_summary()",
      "content.summary_type_latest",
      "content_indexed_at_desc_idx",
      "content_title_trgm_idx",
      "content_summaries.summary_type",
    ]);
    // The preview's SQL is what apply runs: every loosening statement is in it, nothing else removes.
    const sql = plan.statements.join("\n");
    expect(sql).toContain("ALTER TABLE content ALTER COLUMN id DROP NOT NULL;");
    expect(sql).toContain("ALTER TABLE content DROP CONSTRAINT content_video_id_check;");
    expect(sql).toContain("DROP FUNCTION IF EXISTS ytv2_touch_updated_at();");
    expect(sql).not.toMatch(/DROP (TABLE|COLUMN|INDEX|VIEW)|TRUNCATE|DELETE FROM/);

    const step = await applySchemaStep(url);
    expect(step.outcome.checks.filter((c) => !c.ok)).toEqual([]);
    expect(step.changes.map((c) => c.name)).toEqual(
      expect.arrayContaining(["content_video_id_check", "v_latest_summaries"]),
    );

    expect(await allRows(client)).toEqual(before);
    const after = await planSchema(client);
    expect(after.items.filter((i) => i.state !== "present")).toEqual([]);
    // The history kept its latest pointer, and the view now shows every column.
    const { rows } = await client.query(
      "SELECT video_id, revision, is_latest, summary_type FROM v_latest_summaries ORDER BY 1",
    );
    expect(rows).toEqual([
      { video_id: "aaaaaaaaaaa", revision: 2, is_latest: true, summary_type: null },
      { video_id: "bbbbbbbbbbb", revision: 1, is_latest: true, summary_type: null },
    ]);

    // What the earlier CHECKs refused, the NAS now writes, and the Dashboard lists it.
    await upsertContent(client, {
      video_id: "reddit:abc123",
      title: "A thread",
      language: "en-US",
      indexed_at: new Date(),
    });
    const written = await insertSummary(client, {
      video_id: "reddit:abc123",
      variant: "comprehensive",
      text: "t",
      html: "<p>t</p>",
    });
    expect(written).toEqual({ revision: 1, isLatest: true });
    expect((await listCards(client, { language: "en-US" })).cards.map((c) => c.video_id)).toEqual(["reddit:abc123"]);
    expect((await applySchema(client)).changes).toEqual([]);
  });

  it("is brought forward by the new ddl.sql run on its own (psql), with no row lost", async () => {
    const { client } = await earlierTarget();
    const before = await allRows(client);
    await client.query(renderDdl());
    expect(await allRows(client)).toEqual(before);
    const plan = await planSchema(client);
    expect(plan.items.filter((i) => i.state !== "present")).toEqual([]);
    await client.query(renderDdl());
    expect((await planSchema(client)).items.filter((i) => i.state !== "present")).toEqual([]);
  });

  it("refuses, changing nothing, when an earlier object was changed by someone else", async () => {
    const { client } = await earlierTarget();
    await client.query("ALTER TABLE content DROP CONSTRAINT content_language_check");
    await client.query("ALTER TABLE content ADD CONSTRAINT content_language_check CHECK (language <> 'xx')");
    const plan = await planSchema(client);
    expect(plan.conflicts.map((c) => c.name)).toEqual(["content_language_check"]);
    expect(plan.conflicts[0]!.reason).toMatch(/must go .* but it was changed outside this tool/);
    await expect(applySchema(client)).rejects.toMatchObject({ code: "schema_conflict" });
    expect((await planSchema(client)).counts.outdated).toBe(plan.counts.outdated);
  });
});
