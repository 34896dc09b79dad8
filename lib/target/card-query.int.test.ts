import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/postgres";
import { CARD_QUERIES, listCards, type CardCursor } from "./card-query";
import { applySchema } from "./schema/apply";

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
};

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

const ROWS = 10_000;

describe("card query at 10k rows", () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase("cards");
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await applySchema(client);
    // Every 50th video has no indexed_at; ids are 11 valid characters: v + 10 digits.
    await client.query(
      `INSERT INTO content (video_id, id, title, indexed_at)
       SELECT 'v' || lpad(i::text, 10, '0'), 'yt:v' || lpad(i::text, 10, '0'), 'Video ' || i,
              CASE WHEN i % 50 = 0 THEN NULL ELSE timestamptz '2025-01-01' + (i / 3) * interval '1 minute' END
         FROM generate_series(1, $1) AS i`,
      [ROWS],
    );
    // Two revisions of comprehensive for two thirds, bullet-points alone for a sixth, nothing for the rest.
    await client.query(
      `INSERT INTO content_summaries (video_id, variant, revision, text, html)
       SELECT 'v' || lpad(i::text, 10, '0'), v.variant, v.revision, v.variant || ' r' || v.revision, '<p>x</p>'
         FROM generate_series(1, $1) AS i
         CROSS JOIN (VALUES ('comprehensive', 1), ('comprehensive', 2), ('bullet-points', 1)) AS v(variant, revision)
        WHERE (i % 6 < 4 AND v.variant = 'comprehensive') OR (i % 6 = 4 AND v.variant = 'bullet-points')
           OR (i % 6 < 4 AND v.variant = 'bullet-points' AND i % 2 = 0)
        ORDER BY i, v.revision`,
      [ROWS],
    );
    await client.query("ANALYZE content; ANALYZE content_summaries");
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  async function explain(sql: string, params: unknown[]): Promise<PlanNode> {
    const { rows } = await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      params,
    );
    return rows[0]!["QUERY PLAN"][0]!.Plan;
  }

  it.each([
    ["first page", CARD_QUERIES.firstPage, [24], /indexed_at IS NOT NULL/],
    [
      "a page deep in the list",
      CARD_QUERIES.afterIndexed,
      [24, "2025-01-02T12:00:00Z", "v0000005000"],
      /ROW\(indexed_at, video_id\) < ROW/,
    ],
    ["the undated tail", CARD_QUERIES.afterUndated, [24, "v0000005000"], /indexed_at IS NULL.*video_id </],
  ])("reads %s through the indexed_at index, without sorting the table", async (_name, sql, params, cond) => {
    const plan = await explain(sql as string, params as unknown[]);
    if (process.env.SHOW_PLANS) console.log(JSON.stringify(plan, null, 1));
    const all = nodes(plan);
    const onContent = all.filter((n) => n["Relation Name"] === "content");
    expect(onContent.map((n) => `${n["Node Type"]} ${n["Index Name"]}`)).toEqual([
      expect.stringMatching(/^Index (Only )?Scan content_indexed_at_idx$/),
    ]);
    // The keyset position is an index condition: a deep page starts there instead of filtering from the top.
    expect(onContent[0]!["Index Cond"]).toMatch(cond as RegExp);
    // The only sorts allowed rank one video's few latest variants, never rows of content.
    for (const sort of all.filter((n) => n["Node Type"] === "Sort")) {
      expect(nodes(sort).some((n) => n["Relation Name"] === "content")).toBe(false);
    }
    const summaries = all.filter((n) => n["Relation Name"] === "content_summaries");
    expect(summaries.every((n) => n["Node Type"].includes("Index"))).toBe(true);
  });

  it("pages through every video exactly once, newest first and undated last", async () => {
    const seen: string[] = [];
    let after: CardCursor | null = null;
    for (let page = 0; page < 100; page++) {
      const result = await listCards(client, { limit: 500, after });
      seen.push(...result.cards.map((c) => c.videoId));
      if (!result.nextCursor) break;
      after = result.nextCursor;
    }
    const { rows } = await client.query<{ video_id: string }>(
      "SELECT video_id FROM content ORDER BY indexed_at DESC NULLS LAST, video_id DESC",
    );
    expect(seen).toEqual(rows.map((r) => r.video_id));
  });

  it("shows the latest comprehensive summary, else the best other variant, else none", async () => {
    const { cards } = await listCards(client, { limit: 500 });
    const byId = new Map(cards.map((c) => [c.videoId, c]));
    const variantOf = (i: number) => {
      const card = byId.get(`v${String(i).padStart(10, "0")}`)!;
      return card.summaryText;
    };
    // Pick ids on the first page: the newest are the highest numbers.
    expect(variantOf(ROWS - 1)).toBe("comprehensive r2"); // 9999 % 6 = 3
    expect(variantOf(ROWS - 4)).toBe("comprehensive r2"); // 9996 % 6 = 0, has bullet-points too
    expect(variantOf(ROWS - 6)).toBe("bullet-points r1"); // 9994 % 6 = 4
    expect(variantOf(ROWS - 5)).toBeNull(); // 9995 % 6 = 5
  });
});
