import { afterEach, describe, expect, it } from "vitest";
import { withTargetClient } from "@/lib/target/connect";
import { deferredStructureMissing, dropDeferredStructure } from "@/lib/target/deferred-structure";
import { applySchema } from "@/lib/target/schema/apply";
import { demoHarness } from "@/test/support/copy-harness";
import { adminUrl, createTestDatabase } from "@/test/support/postgres";
import { runCopy } from "./run-copy";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { completeInitialLoad, targetHoldsNoRecords } from "./initial-load";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function schemaTarget() {
  const db = await createTestDatabase("initial");
  cleanups.push(() => db.drop());
  await withTargetClient(db.url, (client) => applySchema(client));
  return db.url;
}

const insertVideo = `INSERT INTO content (video_id, id, title) VALUES ('AAAAAAAAAAA', 'yt:AAAAAAAAAAA', 'A video')`;

describe("the initial load's structure", () => {
  it("drops and rebuilds the deferred indexes, foreign key and triggers, both idempotently", async () => {
    const url = await schemaTarget();
    await withTargetClient(url, async (client) => {
      expect(await deferredStructureMissing(client)).toEqual([]);
      expect(await targetHoldsNoRecords(client)).toBe(true);
      await dropDeferredStructure(client);
      await dropDeferredStructure(client);
      const missing = await deferredStructureMissing(client);
      expect(missing).toEqual(
        expect.arrayContaining([
          "index content_indexed_at_desc_idx",
          "index content_analysis_json_gin",
          "index content_summaries_one_latest",
          "constraint content_summaries_video_id_fkey",
          "trigger content_summaries_latest_before",
          "trigger content_touch_updated_at",
        ]),
      );
      // With the latest trigger off a row keeps the is_latest it was given.
      await client.query(insertVideo);
      await client.query(
        `INSERT INTO content_summaries (video_id, variant, revision, text, html, is_latest)
         VALUES ('AAAAAAAAAAA', 'comprehensive', 2, 'b', '<p>b</p>', true), ('AAAAAAAAAAA', 'comprehensive', 1, 'a', '<p>a</p>', false)`,
      );
      expect(await targetHoldsNoRecords(client)).toBe(false);
      const built: Array<[number, number]> = [];
      await completeInitialLoad(client, (done, total) => built.push([done, total]));
      expect(built.at(-1)).toEqual([missing.length, missing.length]);
      expect(await deferredStructureMissing(client)).toEqual([]);
      await completeInitialLoad(client);
      // The triggers are back: a re-summary becomes the latest revision and the earlier one is demoted.
      await client.query(
        `INSERT INTO content_summaries (video_id, variant, text, html) VALUES ('AAAAAAAAAAA', 'comprehensive', 'c', '<p>c</p>')`,
      );
      const { rows } = await client.query(
        "SELECT revision, is_latest FROM content_summaries WHERE video_id = 'AAAAAAAAAAA' ORDER BY revision",
      );
      expect(rows).toEqual([
        { revision: 1, is_latest: false },
        { revision: 2, is_latest: false },
        { revision: 3, is_latest: true },
      ]);
    });
  });

  it("refuses to complete a load with two latest rows for one variant and rebuilds nothing", async () => {
    const url = await schemaTarget();
    await withTargetClient(url, async (client) => {
      await dropDeferredStructure(client);
      await client.query(insertVideo);
      await client.query(
        `INSERT INTO content_summaries (video_id, variant, revision, text, html, is_latest)
         VALUES ('AAAAAAAAAAA', 'comprehensive', 2, 'b', '<p>b</p>', true), ('AAAAAAAAAAA', 'comprehensive', 1, 'a', '<p>a</p>', true)`,
      );
      const missingBefore = await deferredStructureMissing(client);
      await expect(completeInitialLoad(client)).rejects.toThrow(
        /The initial load is not complete: 1 of 1 \(video, variant\) pairs do not have exactly one latest row.*AAAAAAAAAAA\/comprehensive/,
      );
      expect(await deferredStructureMissing(client)).toEqual(missingBefore);
      const { rows } = await client.query("SELECT count(*)::int AS n FROM content_summaries");
      expect(rows[0]).toEqual({ n: 2 });
    });
  });

  it("refuses to complete a load whose summaries name a video the target lacks, and rebuilds nothing", async () => {
    const url = await schemaTarget();
    await withTargetClient(url, async (client) => {
      await dropDeferredStructure(client);
      await client.query(
        `INSERT INTO content_summaries (video_id, variant, revision, text, html, is_latest)
         VALUES ('BBBBBBBBBBB', 'comprehensive', 1, 'a', '<p>a</p>', true)`,
      );
      const missingBefore = await deferredStructureMissing(client);
      await expect(completeInitialLoad(client)).rejects.toThrow(/content_summaries_video_id_fkey/);
      expect(await deferredStructureMissing(client)).toEqual(missingBefore);
    });
  });

  it("upserts instead, changing nothing of the structure, when the copy's role does not own the tables", async () => {
    const h = await demoHarness();
    cleanups.push(() => h.cleanup());
    const role = `writer_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: h.databaseUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'writer-password'`);
      await admin.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
      await admin.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    } finally {
      await admin.end();
    }
    cleanups.push(async () => {
      const server = new pg.Client({ connectionString: adminUrl() });
      await server.connect();
      await server.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await server.end();
    });
    const writerUrl = new URL(h.databaseUrl);
    writerUrl.username = role;
    writerUrl.password = "writer-password";
    const { stored: plan } = await h.plan();
    const copied = await runCopy({
      db: h.ctx.db,
      controlDbFile: h.ctx.paths.controlDb,
      databaseUrl: writerUrl.toString(),
      sources: h.sources,
      plan,
    });
    expect(copied.loadMode).toBe("upsert");
    const verified = await h.verify();
    expect(verified.checks.filter((c) => !c.ok)).toEqual([]);
    await withTargetClient(h.databaseUrl, async (client) => {
      expect(await deferredStructureMissing(client)).toEqual([]);
    });
    cleanups.push(async () => {
      // the role owns no object, but holds grants: they go before the role can
      const owner = new pg.Client({ connectionString: h.databaseUrl });
      await owner.connect();
      await owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
      await owner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
      await owner.end();
    });
  });
});
