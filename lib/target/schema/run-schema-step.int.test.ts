import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/support/postgres";
import { applySchema } from "./apply";
import { applySchemaStep, planSchemaStep } from "./run-schema-step";
import { runSchemaSelfTest } from "./self-test";

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.drop();
});

async function database() {
  const db = await createTestDatabase("step");
  dbs.push(db);
  return db;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe("schema step", () => {
  it("previews everything as missing, with the SQL that will run, without writing", async () => {
    const db = await database();
    const preview = await planSchemaStep(db.url);
    expect(preview.plan.counts.missing).toBe(preview.plan.items.length);
    expect(preview.sql).toContain("CREATE TABLE IF NOT EXISTS content (");
    expect(preview.sql).toContain("ON CONFLICT (name) DO NOTHING");
    expect((await planSchemaStep(db.url)).plan.counts.missing).toBe(preview.plan.items.length);
  });

  it("applies, proves idempotence and passes the self-test, with stable evidence", async () => {
    const db = await database();
    const first = await applySchemaStep(db.url);
    expect(first.outcome.checks.filter((c) => !c.ok)).toEqual([]);
    expect(first.outcome.checks.map((c) => c.name)).toEqual([
      "Every schema object present",
      "Second apply changes nothing",
      "Self-test: one latest summary, the highest revision",
      "Self-test: an update moves updated_at",
      "Self-test: deleting content cascades to its summaries",
      "Self-test: an invalid video_id is rejected",
      "Self-test: an invalid language is rejected",
    ]);
    expect(first.changes.length).toBeGreaterThan(0);
    expect(first.outcome.evidence.schemaSha256).toMatch(/^[0-9a-f]{64}$/);

    const again = await applySchemaStep(db.url);
    expect(again.changes).toEqual([]);
    expect(again.outcome.evidence).toEqual(first.outcome.evidence);
    // The self-test left no rows behind.
    const left = await withClient(db.url, (c) =>
      c.query(
        "SELECT (SELECT count(*) FROM content)::int AS content, (SELECT count(*) FROM content_summaries)::int AS summaries",
      ),
    );
    expect(left.rows[0]).toEqual({ content: 0, summaries: 0 });
  });

  it("self-test fails loudly when a CHECK is missing", async () => {
    const db = await database();
    await withClient(db.url, async (client) => {
      await applySchema(client);
      await client.query("ALTER TABLE content DROP CONSTRAINT content_language_check");
      const checks = await runSchemaSelfTest(client);
      const language = checks.find((c) => c.name === "Self-test: an invalid language is rejected")!;
      expect(language).toMatchObject({ ok: false, detail: "accepted: the CHECK is missing" });
    });
  });
});

describe("latest-summary trigger", () => {
  it("keeps exactly one latest row per variant, the highest revision, through inserts, updates and deletes", async () => {
    const db = await database();
    await withClient(db.url, async (client) => {
      await applySchema(client);
      await client.query("INSERT INTO content (video_id, id, title) VALUES ('abcdefghijk', 'yt:abcdefghijk', 't')");
      const add = (variant: string, revision: number, isLatest = false) =>
        client.query(
          "INSERT INTO content_summaries (video_id, variant, revision, html, is_latest) VALUES ('abcdefghijk', $1, $2, '', $3)",
          [variant, revision, isLatest],
        );
      const latest = async () =>
        (
          await client.query<{ variant: string; revision: number }>(
            "SELECT variant, revision FROM content_summaries WHERE is_latest ORDER BY variant",
          )
        ).rows.map((r) => `${r.variant}@${r.revision}`);

      await add("comprehensive", 2);
      await add("comprehensive", 1, true); // an older revision arriving late, claiming to be latest
      await add("bullet-points", 1);
      expect(await latest()).toEqual(["bullet-points@1", "comprehensive@2"]);

      await add("comprehensive", 3);
      expect(await latest()).toEqual(["bullet-points@1", "comprehensive@3"]);

      await client.query("DELETE FROM content_summaries WHERE variant = 'comprehensive' AND revision = 3");
      expect(await latest()).toEqual(["bullet-points@1", "comprehensive@2"]);

      await client.query("UPDATE content_summaries SET revision = 9 WHERE variant = 'comprehensive' AND revision = 1");
      expect(await latest()).toEqual(["bullet-points@1", "comprehensive@9"]);

      await client.query("UPDATE content_summaries SET revision = 5 WHERE variant = 'comprehensive' AND revision = 9");
      await client.query("UPDATE content_summaries SET revision = 1 WHERE variant = 'comprehensive' AND revision = 5");
      expect(await latest()).toEqual(["bullet-points@1", "comprehensive@2"]);

      await client.query("UPDATE content_summaries SET is_latest = false WHERE variant = 'bullet-points'");
      expect(await latest()).toEqual(["bullet-points@1", "comprehensive@2"]);
    });
  });

  it("keeps the latest row right through a re-copy with INSERT … ON CONFLICT DO UPDATE", async () => {
    const db = await database();
    await withClient(db.url, async (client) => {
      await applySchema(client);
      await client.query("INSERT INTO content (video_id, id, title) VALUES ('abcdefghijk', 'yt:abcdefghijk', 't')");
      const upsert = `INSERT INTO content_summaries (video_id, variant, revision, text, html, is_latest)
        SELECT 'abcdefghijk', 'comprehensive', r, 'text ' || r, '', false FROM unnest($1::int[]) AS r
        ON CONFLICT (video_id, variant, revision) DO UPDATE SET text = EXCLUDED.text, is_latest = EXCLUDED.is_latest`;
      await client.query(upsert, [[2, 1]]);
      await client.query(upsert, [[1, 2]]);
      const { rows } = await client.query("SELECT revision, is_latest FROM content_summaries ORDER BY revision");
      expect(rows).toEqual([
        { revision: 1, is_latest: false },
        { revision: 2, is_latest: true },
      ]);
    });
  });

  it("lets an update that sets updated_at itself keep that value", async () => {
    const db = await database();
    await withClient(db.url, async (client) => {
      await applySchema(client);
      await client.query("INSERT INTO content (video_id, id, title) VALUES ('abcdefghijk', 'yt:abcdefghijk', 't')");
      const { rows } = await client.query<{ updated_at: Date }>(
        "UPDATE content SET title = 'u', updated_at = '2020-01-02T03:04:05Z' WHERE video_id = 'abcdefghijk' RETURNING updated_at",
      );
      expect(rows[0]!.updated_at.toISOString()).toBe("2020-01-02T03:04:05.000Z");
    });
  });
});
