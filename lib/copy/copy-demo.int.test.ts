import { afterEach, describe, expect, it } from "vitest";
import { readRecordSides } from "@/lib/merge/record-sides";
import { fromQuarantineRaw } from "@/lib/merge/transforms";
import { withTargetClient } from "@/lib/target/connect";
import { demoHarness, type Harness } from "@/test/support/copy-harness";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});
async function copied() {
  const h = await demoHarness();
  harnesses.push(h);
  await h.plan();
  await h.copy();
  return h;
}
type Q = {
  source: string;
  source_table: string;
  source_key: string;
  video_id: string | null;
  reason: string;
  field: string | null;
  raw: unknown;
};
const quarantineOf = (h: Harness, videoId: string) =>
  h.query<Q>("SELECT * FROM migration_quarantine WHERE video_id = $1 ORDER BY id", [videoId]);

describe("copy engine on the demo pair", () => {
  it("plans 6 resurrection candidates, 5 NAS-new, 3 Dashboard-only, the title conflicts and the quarantine", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    const { counts } = await h.plan();
    expect(counts.counts).toMatchObject({ resurrection_candidate: 6, nas_new: 5, dashboard_only: 3 });
    expect(counts.counts.both_equal + counts.counts.both_differ).toBe(76);
    expect(counts.categorized).toBe(67);
    expect(counts.quarantine).toMatchObject({ invalid_key: 1, duplicate_key: 1, orphan: 1, invalid_json: 1 });
    const records = await h.ctx.db.mergeRecord.findMany({ where: { mergeCase: "resurrection_candidate" } });
    expect(records.map((r) => r.videoId).sort()).toEqual([...h.expected.videoIds.resurrectionCandidates].sort());
    const nasNew = await h.ctx.db.mergeRecord.findMany({ where: { mergeCase: "nas_new" } });
    expect(nasNew.map((r) => r.videoId).sort()).toEqual([...h.expected.videoIds.nasNew].sort());
    for (const conflict of h.expected.videoIds.titleConflicts) {
      const field = await h.ctx.db.mergeField.findFirstOrThrow({
        where: { videoId: conflict.videoId, field: "title" },
      });
      expect(field.chosenSide).toBe(conflict.newer);
    }
  });

  it("copies and verifies: every record identical, ledger complete, 67 categorization records equal", async () => {
    const h = await copied();
    const result = await h.verify();
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    // the copy's record of the merged sources sufficed: no second merge of both files
    expect(result.comparedWith).toBe("copy");
    expect(result.checks.find((c) => c.name === "Categorization records identical")!.detail).toMatch(/^67 of 67/);
    const statuses = await h.ctx.db.mergeRecord.groupBy({ by: ["status"], _count: { _all: true } });
    expect(Object.fromEntries(statuses.map((s) => [s.status, s._count._all]))).toEqual({
      identical: 84,
      quarantined: 6,
    });
  });

  it("stores the NUL title without the NUL and keeps the original byte for byte in quarantine", async () => {
    const h = await copied();
    const [row] = await h.query<{ title: string }>("SELECT title FROM content WHERE video_id = 'l88-5h-xUMt'");
    expect(row!.title).not.toContain("\u0000");
    const [q] = (await quarantineOf(h, "l88-5h-xUMt")).filter((e) => e.field === "title");
    expect(q).toMatchObject({ reason: "invalid_value", source: "dashboard", source_table: "content" });
    expect((fromQuarantineRaw(q!.raw) as { title: string }).title).toContain("\u0000");
  });

  it("puts each messy field form in the target or in quarantine as DESIGN.md says", async () => {
    const h = await copied();
    const byCase = (name: string) => h.expected.messyCases.find((c) => c.name === name)!.videoId!;
    const value = async (videoId: string, column: string) =>
      (await h.query(`SELECT ${column} AS v FROM content WHERE video_id = $1`, [videoId]))[0]?.v;
    expect(await value(byCase("bad-json"), "named_entities_json")).toBeNull();
    expect((await quarantineOf(h, byCase("bad-json"))).map((q) => [q.reason, q.field])).toContainEqual([
      "invalid_json",
      "named_entities_json",
    ]);
    expect(await value(byCase("language-english"), "language")).toBe("en");
    expect((await quarantineOf(h, byCase("language-english"))).map((q) => q.field)).toContain("language");
    expect(await value(byCase("language-upper-en"), "language")).toBe("en");
    expect(await quarantineOf(h, byCase("language-upper-en"))).toEqual([]);
    expect(await value(byCase("has-audio-text-true"), "has_audio")).toBe(true);
    expect(await value(byCase("published-at-none-string"), "published_at")).toBeNull();
    expect(await quarantineOf(h, byCase("published-at-none-string"))).toEqual([]);
    expect(await value(byCase("video-id-null-derivable"), "id")).toBe(`yt:${byCase("video-id-null-derivable")}`);
    expect(await value(byCase("key-topics-comma-list"), "jsonb_typeof(topics_json)")).toBe("array");
    const [python] = await h.query<{ text: string }>(
      "SELECT text FROM content_summaries WHERE video_id = $1 AND variant = 'comprehensive' AND revision = 1",
      [byCase("content-summaries-python-dict")],
    );
    expect(python!.text.startsWith("It's a practical watch:")).toBe(true);
    const [literal] = await h.query<{ text: string }>(
      "SELECT text FROM content_summaries WHERE video_id = $1 AND variant = 'comprehensive'",
      [byCase("summary-literal-newlines")],
    );
    expect(literal!.text).toContain("\n");
    expect(literal!.text).not.toContain("\\n");
  });

  it("keeps the newer of a duplicate key and quarantines the other; an invalid key and an orphan go to quarantine whole", async () => {
    const h = await copied();
    const [dup] = await h.query<Q>("SELECT * FROM migration_quarantine WHERE reason = 'duplicate_key'");
    expect(dup).toMatchObject({ video_id: "Flri0UXvvPk", source: "nas", source_key: "Flri0UXvvPk" });
    expect(await h.query("SELECT 1 FROM content WHERE video_id = 'Flri0UXvvPk'")).toHaveLength(1);
    const [invalid] = await h.query<Q>("SELECT * FROM migration_quarantine WHERE reason = 'invalid_key'");
    expect(invalid).toMatchObject({ source: "nas", source_key: "yt:xzavL8cDY", video_id: null });
    expect((invalid!.raw as { id: string }).id).toBe("yt:xzavL8cDY");
    const [orphan] = await h.query<Q>("SELECT * FROM migration_quarantine WHERE reason = 'orphan'");
    expect(orphan).toMatchObject({ source: "dashboard", source_table: "summary_variants", video_id: "c7LSt8jCbqR" });
    expect(await h.query("SELECT 1 FROM content_summaries WHERE video_id = 'c7LSt8jCbqR'")).toEqual([]);
  });

  it("turns two latest rows in the source into exactly one latest, the highest revision", async () => {
    const h = await copied();
    const rows = await h.query<{ revision: number; is_latest: boolean }>(
      "SELECT revision, is_latest FROM content_summaries WHERE video_id = 'yRkAjLbJbmM' AND variant = 'comprehensive' ORDER BY revision",
    );
    expect(rows).toEqual([
      { revision: 1, is_latest: false },
      { revision: 2, is_latest: true },
    ]);
  });

  it("copies twice with an identical result: same record hashes, no new rows, no new quarantine rows", async () => {
    const h = await copied();
    const before = await h.verify();
    const snapshot = () =>
      h.query(`SELECT (SELECT count(*) FROM content) c, (SELECT max(id) FROM content_summaries) s,
        (SELECT count(*) FROM content_summaries) sc, (SELECT max(id) FROM migration_quarantine) q,
        (SELECT count(*) FROM migration_quarantine) qc, (SELECT max(xmin::text::bigint) FROM content) x`);
    const rowsBefore = await snapshot();
    await h.copy();
    expect(await snapshot()).toEqual(rowsBefore);
    const after = await h.verify();
    expect(after.ok).toBe(true);
    expect(after.recordsDigest).toBe(before.recordsDigest);
  });

  it("shows one record as the NAS, the Dashboard and PostgreSQL hold it, for the record detail", async () => {
    const h = await copied();
    const conflict = h.expected.videoIds.titleConflicts.find((c) => c.newer === "nas")!;
    const sides = await withTargetClient(h.databaseUrl, (client) =>
      readRecordSides(client, h.sources, conflict.videoId),
    );
    expect(sides.nas!.values!.title).toBe(conflict.nasTitle);
    expect(sides.dashboard!.values!.title).toBe(conflict.dashboardTitle);
    expect(sides.postgres!.values.title).toBe(conflict.nasTitle);
    expect(sides.postgres!.summaries.length).toBeGreaterThan(0);
    expect(sides.nas!.summaries.length).toBeGreaterThan(0);
  });
});
