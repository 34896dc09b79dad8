import { readFileSync } from "node:fs";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/support/postgres";
import { withTargetLock } from "../advisory-lock";
import { applySchema } from "./apply";
import { readCatalog } from "./catalog";
import { SCHEMA_OBJECTS } from "./definition";
import { planSchema } from "./plan";

const dbs: TestDatabase[] = [];
const clients: pg.Client[] = [];

async function freshClient(db?: TestDatabase) {
  const target = db ?? (await createTestDatabase("schema"));
  if (!db) dbs.push(target);
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  clients.push(client);
  return { client, db: target };
}

afterEach(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  for (const d of dbs.splice(0)) await d.drop();
});

async function flags(client: pg.Client) {
  const { rows } = await client.query<{ name: string; enabled: boolean }>(
    "SELECT name, enabled FROM migration_flags ORDER BY name",
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.enabled]));
}

describe("schema apply", () => {
  it("creates every object on an empty database and seeds the flags", async () => {
    const { client } = await freshClient();
    const before = await planSchema(client);
    expect(before.counts.present).toBe(0);
    expect(before.counts.different).toBe(0);

    const result = await applySchema(client);
    expect(result.after.counts.present).toBe(result.after.items.length);
    expect(result.changes.filter((c) => c.kind === "table").map((c) => c.name)).toEqual([
      "content",
      "content_summaries",
      "migration_flags",
      "migration_quarantine",
      "parity_log",
    ]);
    expect(await flags(client)).toEqual({ dual_write_mode: false, freeze_processing: true, read_from_postgres: false });
  });

  it("reports no changes on a second apply and keeps flag values someone changed", async () => {
    const { client } = await freshClient();
    await applySchema(client);
    await client.query("UPDATE migration_flags SET enabled = true WHERE name = 'dual_write_mode'");
    const catalogBefore = await readCatalog(client);

    const second = await applySchema(client);
    expect(second.changes).toEqual([]);
    expect(second.before.statements).toEqual([]);
    expect(await readCatalog(client)).toEqual(catalogBefore);
    expect((await flags(client)).dual_write_mode).toBe(true);
  });

  it("completes a half-created schema", async () => {
    const { client } = await freshClient();
    await client.query("CREATE TABLE content (video_id TEXT PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL)");
    await client.query("INSERT INTO content VALUES ('abcdefghijk', 'yt:abcdefghijk', 'kept')");
    await client.query("CREATE INDEX content_indexed_at_idx ON content USING btree (video_id)").catch(() => undefined);
    await client.query("DROP INDEX content_indexed_at_idx");

    const plan = await planSchema(client);
    expect(plan.items.find((i) => i.name === "content")?.state).toBe("present");
    expect(plan.items.find((i) => i.name === "content.video_id")?.state).toBe("present");
    expect(plan.items.find((i) => i.name === "content.indexed_at")?.state).toBe("missing");
    expect(plan.conflicts).toEqual([]);

    const result = await applySchema(client);
    expect(result.after.counts.present).toBe(result.after.items.length);
    expect(result.changes.map((c) => c.name)).toContain("content.indexed_at");
    expect(result.changes.map((c) => c.name)).not.toContain("content");
    const { rows } = await client.query("SELECT title, has_audio FROM content");
    expect(rows).toEqual([{ title: "kept", has_audio: false }]);
  });

  it("completes a schema whose DDL stopped halfway, whatever the point", async () => {
    for (const cut of [1, 5, Math.floor(SCHEMA_OBJECTS.length / 2), SCHEMA_OBJECTS.length - 3]) {
      const { client } = await freshClient();
      for (const object of SCHEMA_OBJECTS.slice(0, cut)) await client.query(object.sql);
      const result = await applySchema(client);
      expect(result.before.conflicts, `cut at ${cut}`).toEqual([]);
      expect(result.after.counts.present, `cut at ${cut}`).toBe(result.after.items.length);
      expect((await applySchema(client)).changes, `cut at ${cut}`).toEqual([]);
    }
  });

  it("rolls back everything when a statement fails partway", async () => {
    const { client } = await freshClient();
    // A content table with rows but no title: adding title NOT NULL fails after the functions were created.
    await client.query("CREATE TABLE content (video_id TEXT PRIMARY KEY, id TEXT NOT NULL)");
    await client.query("INSERT INTO content VALUES ('abcdefghijk', 'yt:abcdefghijk')");
    const catalogBefore = await readCatalog(client);

    await expect(applySchema(client)).rejects.toMatchObject({
      code: "schema_apply_failed",
      message: expect.stringMatching(/rolled back, nothing was changed: .*title.*\(23502\)/),
    });
    expect(await readCatalog(client)).toEqual(catalogBefore);
  });

  it("refuses a conflicting pre-existing table and changes nothing", async () => {
    const { client } = await freshClient();
    await client.query("CREATE TABLE content (video_id INTEGER PRIMARY KEY, title TEXT)");
    const catalogBefore = await readCatalog(client);

    const plan = await planSchema(client);
    // Same primary key column, so the key itself is no conflict; its type and title's nullability are.
    expect(plan.conflicts.map((c) => c.name)).toEqual(["content.video_id", "content.title"]);
    expect(plan.conflicts[0]!.reason).toBe("content.video_id is integer, expected text");

    await expect(applySchema(client)).rejects.toMatchObject({
      name: "OwnerFacingError",
      code: "schema_conflict",
      message: expect.stringContaining("content.video_id is integer, expected text"),
    });
    expect(await readCatalog(client)).toEqual(catalogBefore);
  });

  it("answers busy while another action holds the target lock, and changes nothing", async () => {
    const { client: holder, db } = await freshClient();
    const { client: second } = await freshClient(db);
    let release!: () => void;
    let acquired!: () => void;
    const holding = new Promise<void>((resolve) => (acquired = resolve));
    const held = withTargetLock(holder, () => {
      acquired();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await holding;

    await expect(applySchema(second)).rejects.toMatchObject({
      code: "busy",
      message: "busy: another action is writing to the target",
    });
    expect((await planSchema(second)).counts.present).toBe(0);
    release();
    await held;
    const after = await applySchema(second);
    expect(after.after.counts.missing).toBe(0);
  });

  it("lets exactly one of two simultaneous applies run", async () => {
    const { client: a, db } = await freshClient();
    const { client: b } = await freshClient(db);
    const results = await Promise.allSettled([applySchema(a), applySchema(b)]);
    const busy = results.filter((r) => r.status === "rejected");
    for (const r of busy) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "busy" });
    // Both may succeed if the first finishes before the second starts; never both creating.
    const created = results.filter((r) => r.status === "fulfilled" && r.value.changes.length > 0);
    expect(created).toHaveLength(1);
  });

  it("ddl.sql runs twice by itself and leaves every object present", async () => {
    const { client } = await freshClient();
    const ddl = readFileSync(new URL("../../../prisma/target/ddl.sql", import.meta.url), "utf8");
    await client.query(ddl);
    const once = await readCatalog(client);
    await client.query(ddl);
    expect(await readCatalog(client)).toEqual(once);
    const plan = await planSchema(client);
    expect(plan.items.filter((i) => i.state !== "present")).toEqual([]);
  });
});
