import { describe, expect, it } from "vitest";
import type { KeyEntry } from "./keys";
import { decideAction, mergeRecord, type SideRows } from "./merge-record";

const VIDEO = "abcdefghijk";
const MARK = Date.parse("2026-01-15T00:00:00Z");
const side = (
  content: Record<string, unknown>,
  entry: Partial<KeyEntry> = {},
  variants: Record<string, unknown>[] = [],
): SideRows => ({
  entry: {
    rowid: 1,
    videoId: VIDEO,

    updatedMs: null,
    indexedMs: MARK - 1,
    createdMs: null,
    ...entry,
  },
  content: { id: `yt:${VIDEO}`, video_id: VIDEO, title: "Title", ...content },
  variants,
  oldSummaries: [],
});
const variant = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  video_id: VIDEO,
  variant_type: "comprehensive",
  revision: 1,
  content: "Summary",
  created_at: "2025-01-01 00:00:00",
  ...over,
});

describe("mergeRecord", () => {
  it("keeps a resurrection candidate out and quarantines every one of its rows", () => {
    const record = mergeRecord({ videoId: VIDEO, nas: side({}, {}, [variant(7)]), highWaterMark: MARK });
    expect(record).toMatchObject({ mergeCase: "resurrection_candidate", action: "skip", content: null });
    expect(record.quarantine.map((q) => [q.sourceTable, q.reason])).toEqual([
      ["content", "resurrection_candidate"],
      ["summary_variants", "resurrection_candidate"],
    ]);
    expect(record.ledger.every((l) => l.to === "quarantine")).toBe(true);
  });

  it("copies a restored resurrection candidate with its summaries", () => {
    const record = mergeRecord({
      videoId: VIDEO,
      nas: side({}, {}, [variant(7)]),
      highWaterMark: MARK,
      decisions: { record: "restore" },
    });
    expect(record.action).toBe("copy");
    expect(record.content).toMatchObject({ video_id: VIDEO, id: `yt:${VIDEO}`, title: "Title" });
    expect(record.summaries).toHaveLength(1);
  });

  it("ignores a record-level decision on a record that is in both sources", () => {
    expect(decideAction("both_differ", "skip")).toBe("copy");
    expect(decideAction("nas_new", "skip")).toBe("skip");
  });

  it("stores a missing title as empty text and quarantines the row's original", () => {
    const record = mergeRecord({ videoId: VIDEO, dashboard: side({ title: null }), highWaterMark: MARK });
    expect(record.content!.title).toBe("");
    expect(record.quarantine).toEqual([expect.objectContaining({ reason: "invalid_value", field: "title" })]);
  });

  it("quarantines only the issues of values that went in, not of the side that lost", () => {
    const record = mergeRecord({
      videoId: VIDEO,
      nas: side({ language: "English" }, { updatedMs: 1 }),
      dashboard: side({ language: "en" }, { updatedMs: 2 }),
      highWaterMark: MARK,
    });
    expect(record.content!.language).toBe("en");
    expect(record.quarantine).toEqual([]);
    expect(record.mergeCase).toBe("both_equal");
  });

  it("fills created_at and updated_at from the row's own times, never from the clock", () => {
    const record = mergeRecord({
      videoId: VIDEO,
      dashboard: side({ indexed_at: "2025-03-01 10:00:00" }),
      highWaterMark: MARK,
    });
    expect(record.content).toMatchObject({
      created_at: "2025-03-01T10:00:00.000000Z",
      updated_at: "2025-03-01T10:00:00.000000Z",
    });
  });

  it("flags a categorization record from either side", () => {
    const categories = JSON.stringify({ categories: [{ category: "Tech", subcategories: ["AI"] }] });
    const record = mergeRecord({
      videoId: VIDEO,
      nas: side({}),
      dashboard: side({ subcategories_json: categories }),
      highWaterMark: MARK,
    });
    expect(record.categorized).toBe(true);
    expect(record.content!.subcategories_json).toEqual(JSON.parse(categories));
  });

  it("quarantines a NAS-new video the owner skips as skipped_by_owner, not as a resurrection candidate", () => {
    const record = mergeRecord({
      videoId: VIDEO,
      nas: side({}, { indexedMs: MARK + 1 }, [variant(7)]),
      highWaterMark: MARK,
      decisions: { record: "skip" },
    });
    expect(record).toMatchObject({ mergeCase: "nas_new", action: "skip", content: null, listing: null });
    expect(record.quarantine.map((q) => q.reason)).toEqual(["skipped_by_owner", "skipped_by_owner"]);
    expect(record.ledger.every((l) => l.to === "quarantine" && l.reason === "skipped_by_owner")).toBe(true);
  });

  it("writes the Dashboard's card facts into analysis_json and the card summary's type into summary_type_latest", () => {
    const record = mergeRecord({
      videoId: VIDEO,
      dashboard: side({ language: "EN", content_type: "tutorial", analysis: '{"sentiment": "calm"}' }, {}, [
        variant(1, { variant_type: "bullet_points" }),
        variant(2, { variant_type: "deep_research" }),
      ]),
      highWaterMark: MARK,
    });
    expect(record.content!.analysis_json).toMatchObject({
      language: "en",
      content_type: "tutorial",
      sentiment: "calm",
    });
    expect(record.content!.summary_type_latest).toBe("bullet-points");
    expect(record.listing).toBe("listed");
  });

  it("gives a video without a card summary the generated placeholder, or none when the owner leaves it unlisted", () => {
    const input = {
      videoId: VIDEO,
      dashboard: side({ summary: null }, {}, [variant(1, { variant_type: "deep_research" })]),
      highWaterMark: MARK,
    };
    const record = mergeRecord(input);
    expect(record.listing).toBe("placeholder");
    expect(record.content!.summary_type_latest).toBe("comprehensive");
    const placeholder = record.summaries.find((s) => s.from === "generated")!;
    expect(placeholder).toMatchObject({ variant: "comprehensive", revision: 1, isLatest: true });
    expect(placeholder.chosen).toMatchObject({ text: "No summary available.", rawJson: { generated: true } });
    // the placeholder is no source row: the ledger has only the real ones
    expect(record.ledger.filter((l) => l.to === "summary")).toHaveLength(1);

    const unlisted = mergeRecord({ ...input, decisions: { listing: "unlisted" } });
    expect(unlisted.listing).toBe("unlisted");
    expect(unlisted.summaries.map((s) => s.variant)).toEqual(["deep-research"]);
    expect(unlisted.content!.summary_type_latest).toBeNull();
  });
});
