import { spawnSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { CARD_KEYS, recordCategorization } from "@/lib/merge/analysis-json";
import { toTargetValues } from "@/lib/merge/fields";
import { isCategorizationRecord } from "@/lib/sources/categorization";
import { NO_CATEGORY } from "@/lib/diff/categorization-diff";
import { withTargetClient } from "@/lib/target/connect";
import { applySchemaStep } from "@/lib/target/schema/run-schema-step";
import { writeMessyPair } from "@/test/support/messy-pair";
import { approveThroughSchema } from "@/test/support/steps";
import { listCards, readCardDetail, readCards } from "./dashboard-pg";
import { showsCategorization } from "./merged-card";
import { insertSummary, upsertContent } from "./nas-writes";

/**
 * The YTV2 contract's "done when", on the demo pair and on a generated pair with every messy
 * form: the contract self-test passes on the target before and after the copy; the
 * Dashboard's card query (dashboard-pg.ts) lists every migrated video; every categorization
 * record shows its categories on its card; and a NAS write with a reddit: key and en-US succeeds
 * after the copy and appears in the card list.
 */
const PAIRS = [
  { name: "the demo pair", writePair: undefined, categorized: 67 },
  { name: "a generated pair with every messy form", writePair: writeMessyPair, categorized: undefined },
] as const;

async function everyListedVideo(h: Harness): Promise<string[]> {
  return withTargetClient(h.databaseUrl, async (client) => {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const result = await listCards(client, { size: 500, page });
      ids.push(...result.cards.map((c) => c.video_id!));
      if (ids.length >= result.total_count || result.cards.length === 0) return ids;
    }
  });
}

describe.each(PAIRS)("the YTV2 contract on $name", ({ writePair, categorized }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await demoHarness({ writePair });
    const schema = await applySchemaStep(h.databaseUrl);
    expect(schema.outcome.checks.filter((c) => !c.ok)).toEqual([]);
    await h.plan();
    await h.copy();
  });
  afterAll(() => h?.cleanup());

  it("verifies every contract check: listed, categories on the card, card fields equal the merged values", async () => {
    const result = await h.verify();
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    const names = result.checks.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Every migrated video listed on the Dashboard",
        "Categorization records show their categories on the Dashboard",
        "Dashboard card fields equal the merged values",
      ]),
    );
    const shown = result.checks.find(
      (c) => c.name === "Categorization records show their categories on the Dashboard",
    )!;
    if (categorized !== undefined) expect(shown.detail).toMatch(new RegExp(`^${categorized} of ${categorized} listed`));
    else expect(shown.detail).toMatch(/; \d+ name subcategories but no category, which no card of either era shows/);
  });

  it("writes each card key into analysis_json equal to its merged column, on every migrated row", async () => {
    const differ: Record<string, string> = {};
    for (const [key, column] of Object.entries(CARD_KEYS)) {
      const rows = await h.query<{ n: string }>(
        `SELECT count(*) AS n FROM content WHERE (analysis_json -> '${key}') IS DISTINCT FROM coalesce(to_jsonb(${column}), 'null'::jsonb)`,
      );
      if (rows[0]!.n !== "0") differ[key] = rows[0]!.n;
    }
    expect(differ).toEqual({});
    const [{ n }] = await h.query<{ n: string }>(
      "SELECT count(*) AS n FROM content WHERE analysis_json ->> 'language' IS DISTINCT FROM language",
    );
    expect(n).toBe("0");
    const [types] = await h.query<{ missing: string }>(
      `SELECT count(*) AS missing FROM content c WHERE c.summary_type_latest IS NULL
          OR NOT EXISTS (SELECT 1 FROM content_summaries s WHERE s.video_id = c.video_id AND s.summary_type = s.variant)`,
    );
    expect(types!.missing).toBe("0");
  });

  it("writes html with the old reader's structure, escaped, and never empty", async () => {
    const [row] = await h.query<Record<string, string>>(
      `SELECT count(*) FILTER (WHERE html LIKE '%<ul class="kp-list">%') AS lists,
              count(*) FILTER (WHERE html LIKE '%<ul>%') AS bare_lists,
              count(*) FILTER (WHERE html IS NULL OR html = '') AS empty,
              count(*) FILTER (WHERE html ~ '<(script|b|i|a)[ >]') AS raw_markup
         FROM content_summaries`,
    );
    expect(Number(row!.lists)).toBeGreaterThan(0);
    expect(row).toMatchObject({ bare_lists: "0", empty: "0", raw_markup: "0" });
    if (writePair) {
      const [structured] = await h.query<{ html: string }>(
        "SELECT html FROM content_summaries WHERE html LIKE '%kp-heading%' AND html LIKE '%kp-takeaway%' LIMIT 1",
      );
      expect(structured!.html).toBe(
        '<h3 class="kp-heading">Key points</h3>\n<ul class="kp-list"><li>First point</li><li>Second &lt;point&gt; &amp; more</li></ul>\n<p class="kp-takeaway"><strong>Bottom line:</strong> worth a watch.</p>',
      );
    }
  });

  it("lists every migrated video in the Dashboard's card list", async () => {
    const copied = await h.ctx.db.mergeRecord.findMany({ where: { action: "copy" }, select: { videoId: true } });
    const listed = await everyListedVideo(h);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(copied.map((r) => r.videoId).sort());
  });

  it("shows every categorization record's categories on its card", async () => {
    const db = new Database(h.sources.dashboard, { readonly: true });
    const rows = (db.prepare("SELECT * FROM content").all() as Record<string, unknown>[]).filter((row) =>
      isCategorizationRecord(row),
    );
    db.close();
    if (categorized !== undefined) expect(rows).toHaveLength(categorized);
    expect(rows.length).toBeGreaterThan(10);
    const ids = rows.map((row) => String(row.video_id ?? String(row.id).replace(/^yt:/, "")));
    const cards = await withTargetClient(h.databaseUrl, (client) => readCards(client, ids));
    const expected = rows.map((row) => recordCategorization(toTargetValues(row).values));
    // a subcategory with no category at all names nothing a chip could show, in either era
    const named = rows.filter((_, k) => expected[k]!.some((entry) => entry.category !== NO_CATEGORY));
    if (categorized !== undefined) expect(named).toHaveLength(categorized);
    const missing = named.filter((row) => {
      const k = rows.indexOf(row);
      const found = cards.get(ids[k]!);
      return !found?.listed || !showsCategorization(found.card.analysis.categories, expected[k]!);
    });
    expect(missing.map((row) => row.id)).toEqual([]);
  });

  it("takes a NAS write with a reddit: key and en-US after the copy, and lists it first", async () => {
    await withTargetClient(h.databaseUrl, async (client) => {
      await upsertContent(client, {
        video_id: "reddit:t3_after",
        title: "A thread processed after the cutover",
        channel_name: "r/selfhosted",
        indexed_at: new Date(Date.UTC(2030, 0, 1)),
        analysis_json: { language: "en-US", categories: [{ category: "Technology", subcategories: ["Self-hosting"] }] },
        language: "en-US",
      });
      expect(
        await insertSummary(client, {
          video_id: "reddit:t3_after",
          variant: "comprehensive",
          text: "t",
          html: "<p>t</p>",
        }),
      ).toEqual({ revision: 1, isLatest: true });
      // newest first; videos without indexed_at come before any date under ORDER BY … DESC
      const first = await listCards(client, {});
      expect(first.cards.find((c) => c.indexed_at !== null)).toMatchObject({
        video_id: "reddit:t3_after",
        id: null,
        analysis: { language: "en-US" },
      });
      expect((await listCards(client, { language: "en-US" })).cards.map((c) => c.video_id)).toContain(
        "reddit:t3_after",
      );
      expect((await listCards(client, { category: "Technology" })).cards.map((c) => c.video_id)).toContain(
        "reddit:t3_after",
      );
      expect((await readCardDetail(client, "reddit:t3_after"))?.listed).toBe(true);
      await client.query("DELETE FROM content WHERE video_id = 'reddit:t3_after'");
    });
  });

  it("passes the contract self-test again on the copied target, leaving its rows as they were", async () => {
    const count = () =>
      h.query<{ n: string }>("SELECT (SELECT count(*) FROM content) + (SELECT count(*) FROM content_summaries) AS n");
    const before = await count();
    const schema = await applySchemaStep(h.databaseUrl);
    expect(schema.outcome.checks.filter((c) => !c.ok)).toEqual([]);
    expect(await count()).toEqual(before);
  });
});

describe("a video without a summary the Dashboard lists, on the generated pair", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await demoHarness({ writePair: writeMessyPair });
    // through the real core: decide (below) refuses while step 3 is locked
    await approveThroughSchema(h, "test", "the generated pair is not the demo pair: its count differs");
    await h.plan();
    await h.copy();
  });
  afterAll(() => h?.cleanup());

  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [path.join(process.cwd(), "cli", "cutover.mjs"), ...args], {
      env: {
        ...process.env,
        CUTOVER_DATA_DIR: h.ctx.paths.dataDir,
        NAS_DB: h.sources.nas,
        DASHBOARD_DB: h.sources.dashboard,
        DATABASE_URL: h.databaseUrl,
      },
      encoding: "utf8",
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it("gets the generated placeholder by default, marked as generated, and the owner may leave it unlisted", async () => {
    const placeholders = await h.ctx.db.mergeSummary.findMany({ where: { sourceTable: "generated" } });
    expect(placeholders.length).toBeGreaterThan(10);
    const videoId = placeholders[0]!.videoId;
    const [row] = await h.query<{ text: string; html: string; raw_json: { generated: boolean }; is_latest: boolean }>(
      "SELECT text, html, raw_json, is_latest FROM content_summaries WHERE video_id = $1 AND variant = 'comprehensive'",
      [videoId],
    );
    expect(row).toMatchObject({
      text: "No summary available.",
      html: "<p>No summary available.</p>",
      raw_json: { generated: true },
      is_latest: true,
    });

    const decided = cli("decide", videoId, "listing", "unlisted", "--note", "nothing to show");
    expect(decided.code, decided.stderr).toBe(0);
    expect(decided.stdout).toBe(
      "Decision stored: left unlisted. Run Copy and verify again (npx cutover copy) to apply it.\n",
    );
    const listed = await h.ctx.db.mergeDecision.findMany({ where: { videoId } });
    expect(listed).toMatchObject([{ field: "listing", choice: "unlisted", note: "nothing to show" }]);
    const audit = await h.ctx.db.auditEntry.findFirst({
      where: { action: "merge decision" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(audit!.detail)).toMatchObject({ videoId, field: "listing", choice: "unlisted" });
    // a video with a summary of its own has nothing to decide
    const own = await h.ctx.db.mergeRecord.findFirst({
      where: { action: "copy", videoId: { notIn: placeholders.map((p) => p.videoId) } },
    });
    expect(cli("decide", own!.videoId, "listing", "unlisted")).toMatchObject({ code: 1 });
    expect(cli("decide", videoId, "listing", "hidden").code).toBe(2);

    await h.copy();
    const result = await h.verify();
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.checks.find((c) => c.name === "Every migrated video listed on the Dashboard")!.detail).toMatch(
      /; 1 left unlisted by your decision$/,
    );
    expect(await everyListedVideo(h)).not.toContain(videoId);
    // the placeholder went; its own summaries in other variants, if any, stay
    expect(
      await h.query("SELECT 1 FROM content_summaries WHERE video_id = $1 AND raw_json ->> 'generated' = 'true'", [
        videoId,
      ]),
    ).toEqual([]);
    expect(await h.query("SELECT 1 FROM content WHERE video_id = $1", [videoId])).toHaveLength(1);
  });
});
