import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTargetClient } from "@/lib/target/connect";
import { applySchema } from "@/lib/target/schema/apply";
import { OwnerFacingError } from "@/lib/workflow/types";
import { adminUrl, createTestDatabase, type TestDatabase } from "@/test/support/postgres";
import { writeVideo } from "./drill-videos";
import { runDeleteDrill, type DrillResult } from "./run-drill";
import { listScratchSchemas } from "./scratch-schema";

const query = <T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) =>
  withTargetClient(url, async (client) => (await client.query<T>(sql, params)).rows);

/** Row count and an md5 of every row of every table in public, in a stable order. */
async function publicFingerprint(url: string): Promise<Record<string, string>> {
  const tables = await query<{ relname: string }>(
    url,
    "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname",
  );
  const result: Record<string, string> = {};
  for (const { relname } of tables) {
    const [row] = await query<{ n: number; sum: string | null }>(
      url,
      `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum FROM public.${relname} t`,
    );
    result[relname] = `${row!.n}:${row!.sum}`;
  }
  return result;
}

/** A target with the schema applied and a few of the owner's videos in public. */
async function ownerTarget(prefix: string): Promise<TestDatabase> {
  const db = await createTestDatabase(prefix);
  await withTargetClient(db.url, async (client) => {
    await applySchema(client);
    for (const id of ["owner000001", "owner000002", "owner000003"]) await writeVideo(client, id, true);
  });
  return db;
}

const RACES = ["before", "during", "after"] as const;

describe("the delete drill", () => {
  let db: TestDatabase;
  let before: Record<string, string>;
  let result: DrillResult;

  beforeAll(async () => {
    db = await ownerTarget("drill");
    before = await publicFingerprint(db.url);
    result = await runDeleteDrill(db.url);
  });
  afterAll(() => db.drop());

  it("passes every check, each named and timed, on a target made by the Schema step", () => {
    expect(result.checks.map((check) => check.name)).toEqual([
      "Scratch schema made from the schema definition",
      "Cascade: deleting a video's content removes its summaries",
      "Delete by yt:<id>",
      "Delete by bare video_id",
      "Race: B deleted before A's writes, A commits",
      "Race: B deleted during A's writes, A commits",
      "Race: B deleted after A's writes, A commits",
      "Re-running A's writes does not bring B back",
      "Every table that references content deletes with it (ON DELETE CASCADE)",
      "Scratch schema dropped afterwards",
    ]);
    for (const check of result.checks) {
      expect(check.ok, `${check.name}: ${check.detail}`).toBe(true);
      expect(check.ms).toBeGreaterThanOrEqual(0);
    }
    expect(result.ok).toBe(true);
    expect(result.totalMs).toBeGreaterThan(0);
    expect(result.scratchSchema).toMatch(/^cutover_drill_[0-9a-f]{12}$/);
    expect(result.leftoversDropped).toEqual([]);
    expect(result.nonCascade).toEqual([]);
  });

  it("builds the scratch schema from the definition, naming what it leaves out", () => {
    const [build] = result.checks;
    expect(build!.detail).toMatch(/^\d+ objects of the definition the Schema step applies, created in cutover_drill_/);
    expect(result.leftOut).toEqual(["content_title_trgm_idx (needs the pg_trgm extension)"]);
  });

  it("proves the cascade and both key forms, on a migrated row and a NAS-written one", () => {
    const byName = (name: string) => result.checks.find((check) => check.name === name)!;
    expect(byName("Cascade: deleting a video's content removes its summaries").evidence).toEqual({
      deleted: { content: 0, summaries: 0 },
      neighbour: { content: 1, summaries: 2 },
    });
    for (const name of ["Delete by yt:<id>", "Delete by bare video_id"]) {
      expect(byName(name).evidence).toEqual({
        deleted: 2,
        migrated: { content: 0, summaries: 0 },
        nasWritten: { content: 0, summaries: 0 },
        neighbour: { content: 1, summaries: 2 },
      });
    }
  });

  it.each(RACES)("the race with B deleted %s A's writes: B stays deleted, A is whole", (when) => {
    const check = result.checks.find((c) => c.name === `Race: B deleted ${when} A's writes, A commits`)!;
    expect(check.evidence).toMatchObject({ A: { content: 1, summaries: 2 }, B: { content: 0, summaries: 0 } });
    expect(check.detail).toMatch(
      /ms, not held up by A's open transaction\); after A's commit: B 0 content, 0 summaries, A 1 content, 2 summaries$/,
    );
  });

  it("re-running the A videos' writes brings none of the B videos back", () => {
    const check = result.checks.find((c) => c.name === "Re-running A's writes does not bring B back")!;
    expect(check.evidence).toEqual({ rerun: 3, aAtRevision2: 3, bBack: [] });
  });

  it("leaves the owner's rows in public as they were, and no scratch schema", async () => {
    expect(await publicFingerprint(db.url)).toEqual(before);
    expect(before.content).toMatch(/^3:/);
    expect(await withTargetClient(db.url, listScratchSchemas)).toEqual([]);
  });

  it("drops its scratch schema when it fails midway, and public stays as it was", async () => {
    await expect(
      runDeleteDrill(db.url, {
        onCheck: (name) => {
          if (name.startsWith("Race: B deleted during")) throw new Error("killed mid-drill");
        },
      }),
    ).rejects.toThrow("killed mid-drill");
    expect(await query(db.url, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'cutover_drill%'")).toEqual([]);
    expect(await publicFingerprint(db.url)).toEqual(before);
  });

  it("drops a scratch schema an earlier, killed drill left, and says so", async () => {
    const leftover = "cutover_drill_0123456789ab";
    await query(db.url, `CREATE SCHEMA ${leftover}; CREATE TABLE ${leftover}.content (video_id text)`);
    // a schema of the owner's with a similar name is not the drill's
    await query(db.url, "CREATE SCHEMA cutover_drill_notes");
    const again = await runDeleteDrill(db.url);
    expect(again.leftoversDropped).toEqual([leftover]);
    expect(again.ok).toBe(true);
    const schemas = await query<{ nspname: string }>(
      db.url,
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'cutover_drill%' ORDER BY 1",
    );
    expect(schemas.map((s) => s.nspname)).toEqual(["cutover_drill_notes"]);
    expect(await publicFingerprint(db.url)).toEqual(before);
  });

  it("refuses, busy, while another drill holds the target", async () => {
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock(7265005)");
      await expect(runDeleteDrill(db.url)).rejects.toThrow("busy: another delete drill is running on this target");
    } finally {
      await other.end();
    }
  });
});

describe("tables that reference content without a cascade", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await ownerTarget("drillfk");
  });
  afterAll(() => db.drop());

  it("fails the drill on a schema whose summaries lost the cascade, naming the table", async () => {
    await query(
      db.url,
      `ALTER TABLE content_summaries DROP CONSTRAINT content_summaries_video_id_fkey;
       ALTER TABLE content_summaries ADD CONSTRAINT content_summaries_video_id_fkey
         FOREIGN KEY (video_id) REFERENCES content (video_id)`,
    );
    await query(
      db.url,
      `CREATE TABLE playlist_item (video_id text REFERENCES content (video_id) ON DELETE SET NULL);
       CREATE TABLE video_note (video_id text REFERENCES content (video_id) ON DELETE CASCADE)`,
    );
    const result = await runDeleteDrill(db.url);
    expect(result.ok).toBe(false);
    const check = result.checks.find((c) => c.name.startsWith("Every table that references content"))!;
    expect(check.ok).toBe(false);
    expect(check.detail).toBe(
      "2 tables reference content without a cascade, so a video's delete is refused or leaves rows behind: " +
        "content_summaries (content_summaries_video_id_fkey, ON DELETE NO ACTION); playlist_item (playlist_item_video_id_fkey, ON DELETE SET NULL)",
    );
    expect(result.nonCascade.map((r) => [r.table, r.onDelete])).toEqual([
      ["content_summaries", "NO ACTION"],
      ["playlist_item", "SET NULL"],
    ]);
    // the scratch schema is made from the definition, not from public: its own checks still pass
    expect(result.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([check.name]);
    expect(await withTargetClient(db.url, listScratchSchemas)).toEqual([]);
  });

  it("fails, saying so, on a target without the schema", async () => {
    const empty = await createTestDatabase("drillempty");
    try {
      const result = await runDeleteDrill(empty.url);
      const check = result.checks.find((c) => c.name.startsWith("Every table that references content"))!;
      expect(check).toMatchObject({
        ok: false,
        detail: "the target has no table public.content: apply the schema (step 2) first",
      });
    } finally {
      await empty.drop();
    }
  });
});

describe("a role that may not create a schema", () => {
  it("refuses in one owner-facing line, and leaves nothing", async () => {
    const db = await ownerTarget("drillrole");
    const role = `drill_limited_${db.name.split("_")[1]}`;
    try {
      await query(db.url, `CREATE ROLE ${role} LOGIN PASSWORD 'limited'; GRANT USAGE ON SCHEMA public TO ${role}`);
      const limited = new URL(db.url);
      limited.username = role;
      limited.password = "limited";
      await expect(runDeleteDrill(limited.toString())).rejects.toThrow(
        `The role "${role}" cannot create a schema in database "${db.name}", and the drill needs one for its scratch copy (GRANT CREATE ON DATABASE ${db.name} TO ${role}, or use the owning role); nothing was changed.`,
      );
      expect(await withTargetClient(db.url, listScratchSchemas)).toEqual([]);
    } finally {
      await db.drop();
      await query(adminUrl(), `DROP ROLE IF EXISTS ${role}`);
    }
  });
});

describe("an unreachable target", () => {
  it("refuses in one owner-facing line", async () => {
    const error = await runDeleteDrill("postgres://drill@127.0.0.1:1/nowhere").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OwnerFacingError);
    expect((error as Error).message).toBe(
      "The target PostgreSQL at 127.0.0.1:1/nowhere cannot be reached (ECONNREFUSED); check that it runs and the host and port are right.",
    );
  });
});
