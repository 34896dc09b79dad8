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
});
