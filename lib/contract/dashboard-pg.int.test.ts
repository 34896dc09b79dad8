import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/postgres";
import { applySchema } from "@/lib/target/schema/apply";
import { CARD_SORTS } from "./card";
import { cardListStatements, listCards, readCardDetail, readCards, readFacets } from "./dashboard-pg";
import { insertSummary, upsertContent } from "./nas-writes";

/**
 * The PostgreSQL-era reads against a real target: which videos are listed and with which
 * summary, each sort, the filters, search, facets and detail, as YTV2-CONTRACT.md §2–3 say;
 * then the card list's plan at 10k videos.
 */
let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase("dashpg");
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await applySchema(client);
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

type Video = {
  id: string;
  title: string;
  channel: string;
  indexed: string | null;
  published: string | null;
  analysis?: unknown;
  subcategories?: unknown;
  language?: string;
  summaries: [variant: string, text: string | null, html: string | null][];
};

const VIDEOS: Video[] = [
  {
    id: "aaaaaaaaaaa",
    title: "Bread baking",
    channel: "Kitchen",
    indexed: "2026-01-03T00:00:00Z",
    published: "2025-01-01T00:00:00Z",
    analysis: {
      language: "en",
      categories: [{ category: "Food", subcategories: ["Baking"] }],
      content_type: "tutorial",
    },
    language: "en",
    summaries: [
      ["key-points", "kp", "<p>kp</p>"],
      ["comprehensive", "All about sourdough.", "<p>All about sourdough.</p>"],
    ],
  },
  {
    id: "bbbbbbbbbbb",
    title: "Astronomy tonight",
    channel: "Sky",
    indexed: "2026-01-02T00:00:00Z",
    published: "2025-06-01T00:00:00Z",
    // own categories win over analysis_json's
    subcategories: { categories: [{ category: "Science", subcategories: ["Space"] }] },
    analysis: { categories: [{ category: "Food", subcategories: [] }], complexity: "Advanced" },
    language: "fr",
    summaries: [["bullet-points", "- stars and bread", '<ul class="kp-list"><li>stars and bread</li></ul>']],
  },
  {
    // the first preferred variant has no html: not listed, though key-points has some
    id: "ccccccccccc",
    title: "Unlisted",
    channel: "Sky",
    indexed: "2026-01-04T00:00:00Z",
    published: null,
    summaries: [
      ["comprehensive", null, null],
      ["key-points", "kp", "<p>kp</p>"],
    ],
  },
  {
    // only a variant the card list does not read: not listed
    id: "ddddddddddd",
    title: "Deep research only",
    channel: "Lab",
    indexed: "2026-01-05T00:00:00Z",
    published: null,
    summaries: [["deep-research", "long", "<p>long</p>"]],
  },
  {
    id: "eeeeeeeeeee",
    title: "Undated",
    channel: "Archive",
    indexed: null,
    published: "2024-01-01T00:00:00Z",
    summaries: [["audio-es", "hola", "<p>hola</p>"]],
  },
];

describe("the PostgreSQL-era Dashboard's reads", () => {
  beforeAll(async () => {
    for (const v of VIDEOS) {
      await upsertContent(client, {
        video_id: v.id,
        id: `yt:${v.id}`,
        title: v.title,
        channel_name: v.channel,
        indexed_at: v.indexed,
        analysis_json: v.analysis ?? null,
        subcategories_json: v.subcategories ?? null,
        language: v.language ?? null,
      });
      await client.query("UPDATE content SET published_at = $2 WHERE video_id = $1", [v.id, v.published]);
      for (const [variant, text, html] of v.summaries)
        await insertSummary(client, { video_id: v.id, variant, text, html });
    }
  });

  it("lists a video when its first preferred latest summary has html, and shows that summary", async () => {
    const page = await listCards(client, { size: 50 });
    expect(page.total_count).toBe(3);
    expect(page.cards.map((c) => [c.video_id, c.summary?.variant])).toEqual([
      ["eeeeeeeeeee", "audio-es"], // NULL indexed_at first under DESC, as PostgreSQL orders it
      ["aaaaaaaaaaa", "comprehensive"],
      ["bbbbbbbbbbb", "bullet-points"],
    ]);
  });

  it("orders by each sort", async () => {
    const order = async (sort: (typeof CARD_SORTS)[number]) =>
      (await listCards(client, { sort })).cards.map((c) => c.video_id?.[0]).join("");
    expect(await order("added_desc")).toBe("eab");
    expect(await order("newest")).toBe("eab");
    expect(await order("indexed_at")).toBe("eab");
    expect(await order("video_newest")).toBe("bae");
    expect(await order("title_az")).toBe("bae");
    expect(await order("title_za")).toBe("eab");
    expect(await order("channel_az")).toBe("eab");
    expect(await order("channel_za")).toBe("bae");
  });

  it("pages with the total from the same join", async () => {
    const second = await listCards(client, { size: 2, page: 2 });
    expect(second).toMatchObject({ total_count: 3, page: 2, size: 2 });
    expect(second.cards.map((c) => c.video_id)).toEqual(["bbbbbbbbbbb"]);
  });

  it("filters a category by containment in subcategories_json, else analysis_json", async () => {
    expect((await listCards(client, { category: "Food" })).cards.map((c) => c.video_id)).toEqual(["aaaaaaaaaaa"]);
    expect((await listCards(client, { category: "Science" })).cards.map((c) => c.video_id)).toEqual(["bbbbbbbbbbb"]);
  });

  it("filters on the language column and searches title or summary, title matches first", async () => {
    expect((await listCards(client, { language: "fr" })).cards.map((c) => c.video_id)).toEqual(["bbbbbbbbbbb"]);
    const bread = await listCards(client, { search: "BREAD", sort: "title_az" });
    expect(bread.cards.map((c) => c.video_id)).toEqual(["aaaaaaaaaaa", "bbbbbbbbbbb"]);
    expect((await listCards(client, { search: "100%_" })).total_count).toBe(0);
  });

  it("builds the card from analysis_json, with the chips from subcategories_json first", async () => {
    const cards = await readCards(client, ["aaaaaaaaaaa", "bbbbbbbbbbb", "ccccccccccc"]);
    expect(cards.get("aaaaaaaaaaa")!.card.analysis).toMatchObject({
      language: "en",
      content_type: "tutorial",
      categories: [{ category: "Food", subcategories: ["Baking"] }],
      subcategory: null, // read from analysis_json.subcategory, which this row has not
    });
    expect(cards.get("bbbbbbbbbbb")!.card.analysis).toMatchObject({
      language: "en", // absent from analysis_json: shown as en, whatever the column says
      complexity_level: "Advanced",
      categories: [{ category: "Science", subcategories: ["Space"] }],
    });
    expect(cards.get("ccccccccccc")).toMatchObject({
      listed: false,
      card: { summary: { variant: "comprehensive", html: null } },
    });
  });

  it("counts facets over the listed cards", async () => {
    const facets = await readFacets(client);
    expect(facets.categories).toEqual([
      { value: "Food", count: 1 },
      { value: "Science", count: 1 },
    ]);
    expect(facets.language).toEqual([{ value: "en", count: 3 }]);
    expect(facets.channel.map((f) => f.value).sort()).toEqual(["Archive", "Kitchen", "Sky"]);
  });

  it("opens the detail by video_id and by yt: id, listed or not", async () => {
    const byId = await readCardDetail(client, "yt:ccccccccccc");
    expect(byId).toMatchObject({ listed: false, card: { video_id: "ccccccccccc" } });
    expect(byId!.summaries.map((s) => s.variant)).toEqual(["comprehensive", "key-points"]);
    expect((await readCardDetail(client, "ddddddddddd"))?.summaries.map((s) => s.variant)).toEqual(["deep-research"]);
    expect(await readCardDetail(client, "nope")).toBeNull();
  });
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe("the card list at 10k videos", () => {
  let big: TestDatabase;
  let bigClient: pg.Client;
  beforeAll(async () => {
    big = await createTestDatabase("dashpg10k");
    bigClient = new pg.Client({ connectionString: big.url });
    await bigClient.connect();
    await applySchema(bigClient);
    await bigClient.query(
      `INSERT INTO content (video_id, id, title, indexed_at)
       SELECT 'v' || lpad(i::text, 10, '0'), 'yt:v' || lpad(i::text, 10, '0'), 'Video ' || i,
              timestamptz '2025-01-01' + i * interval '1 minute' FROM generate_series(1, 10000) AS i`,
    );
    await bigClient.query(
      `INSERT INTO content_summaries (video_id, variant, revision, text, html)
       SELECT 'v' || lpad(i::text, 10, '0'), 'comprehensive', 1, 'text ' || i, '<p>x</p>' FROM generate_series(1, 10000) AS i`,
    );
    await bigClient.query("ANALYZE content; ANALYZE content_summaries");
  });
  afterAll(async () => {
    await bigClient?.end();
    await big?.drop();
  });

  it("reads the first page through the indexed_at index and each summary through the latest index", async () => {
    const statements = cardListStatements({ sort: "added_desc" });
    const { rows } = await bigClient.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${statements.cards}`,
      statements.params,
    );
    const all = nodes(rows[0]!["QUERY PLAN"][0]!.Plan);
    expect(all.filter((n) => n["Relation Name"] === "content").map((n) => n["Index Name"])).toEqual([
      "content_indexed_at_desc_idx",
    ]);
    expect(
      all.filter((n) => n["Relation Name"] === "content_summaries").every((n) => n["Node Type"].includes("Index")),
    ).toBe(true);
    const page = await listCards(bigClient, {});
    expect(page.total_count).toBe(10_000);
    expect(page.cards[0]!.video_id).toBe("v0000010000");
  });
});
