import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/support/postgres";
import { applySchema } from "./apply";
import { applySchemaStep, planSchemaStep } from "./run-schema-step";
import { runSchemaSelfTest } from "./self-test";
import { runContractSelfTest } from "@/lib/contract/contract-self-test";

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
      "Self-test: an insert without is_latest becomes the latest",
      "Self-test: a re-summary at a taken revision becomes max + 1 and the latest",
      "Self-test: a NULL or non-positive revision becomes max + 1",
      "Self-test: one latest summary, the highest revision",
      "Self-test: an update moves updated_at",
      "Self-test: deleting content cascades to its summaries",
      "Contract: the NAS's content upsert (no id, a reddit: key, language en-US)",
      "Contract: the NAS's summary inserts (no is_latest, a re-summary at revision 1, a free-text variant)",
      "Contract: a NAS report with a yt: id",
      "Contract: the Dashboard's card list under each sort, the writes listed",
      "Contract: category filter by JSONB containment",
      "Contract: language filter",
      "Contract: search on title or summary, title matches first",
      "Contract: facets",
      "Contract: detail by video_id and by yt: id",
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

  it("self-test fails loudly when the latest-pointer trigger is missing", async () => {
    const db = await database();
    await withClient(db.url, async (client) => {
      await applySchema(client);
      await client.query("DROP TRIGGER content_summaries_latest_before ON content_summaries");
      const checks = await runSchemaSelfTest(client);
      expect(checks.find((c) => c.name === "Self-test: an insert without is_latest becomes the latest")).toMatchObject({
        ok: false,
        detail: "one insert at revision 1 without is_latest: 1",
      });
      const contract = await runContractSelfTest(client);
      const summaries = contract.find((c) => c.name.startsWith("Contract: the NAS's summary inserts"))!;
      expect(summaries.ok).toBe(false);
      expect(summaries.detail).toMatch(/failed: duplicate key value violates unique constraint .*\(23505\)/);
      // the failing insert did not take the other checks down with it
      expect(contract.find((c) => c.name.startsWith("Contract: the NAS's content upsert"))?.ok).toBe(true);
      // and with no latest summary nothing is listed: the card list's check says so
      expect(contract.find((c) => c.name.startsWith("Contract: the Dashboard's card list"))?.ok).toBe(false);
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

  it("numbers a writer's insert at a taken revision as a new one, even through ON CONFLICT (the contract's re-summary)", async () => {
    const db = await database();
    await withClient(db.url, async (client) => {
      await applySchema(client);
      await client.query("INSERT INTO content (video_id, id, title) VALUES ('abcdefghijk', 'yt:abcdefghijk', 't')");
      const insert = `INSERT INTO content_summaries (video_id, variant, revision, text, html)
        VALUES ('abcdefghijk', 'comprehensive', $1, $2, '') ON CONFLICT (video_id, variant, revision) DO NOTHING`;
      await client.query(insert, [1, "first"]);
      await client.query(insert, [1, "re-summary"]);
      await client.query(insert, [-3, "negative"]);
      const { rows } = await client.query("SELECT revision, text, is_latest FROM content_summaries ORDER BY revision");
      expect(rows).toEqual([
        { revision: 1, text: "first", is_latest: false },
        { revision: 2, text: "re-summary", is_latest: false },
        { revision: 3, text: "negative", is_latest: true },
      ]);
      // An update of an existing revision (the copy's re-copy) keeps its number and the latest pointer.
      await client.query("UPDATE content_summaries SET text = 'edited' WHERE revision = 1");
      const after = await client.query("SELECT revision, is_latest FROM content_summaries WHERE is_latest");
      expect(after.rows).toEqual([{ revision: 3, is_latest: true }]);
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
