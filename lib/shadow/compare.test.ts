import { describe, expect, it } from "vitest";
import type { Card, Facets } from "@/lib/contract/card";
import { compareCard, compareFacets, compareListing, longestIncreasing } from "./compare";
import { groupFindings } from "./findings";

const options = { pageSize: 2, membership: true };

function card(overrides: Partial<Card> = {}): Card {
  return {
    id: "yt:aaaaaaaaaaa",
    title: "A title",
    thumbnail_url: null,
    canonical_url: null,
    channel: "Chan",
    published_at: "2025-01-02 03:04:05",
    duration_seconds: 60,
    analysis: {
      category: null,
      subcategory: null,
      categories: [],
      content_type: null,
      complexity_level: null,
      language: "en",
      key_topics: [],
      named_entities: [],
    },
    media: { has_audio: false, audio_duration_seconds: null, has_transcript: false, transcript_chars: null },
    video_id: "aaaaaaaaaaa",
    indexed_at: "2025-01-02T03:04:05Z",
    word_count: null,
    summary: null,
    ...overrides,
  };
}

describe("longestIncreasing", () => {
  it("keeps one longest non-decreasing run and drops what moved", () => {
    expect([...longestIncreasing([0, 1, 2, 3])].sort()).toEqual([0, 1, 2, 3]);
    expect(longestIncreasing([1, 0, 2, 3]).size).toBe(3);
    expect(longestIncreasing([3, 2, 1, 0]).size).toBe(1);
    expect(longestIncreasing([0, 0, 2, 2]).size).toBe(4);
    expect(longestIncreasing([]).size).toBe(0);
  });
});

describe("compareListing", () => {
  it("finds nothing when both eras list the same cards in the same order", () => {
    expect(compareListing("list", ["a", "b", "c"], ["a", "b", "c"], options)).toEqual([]);
  });

  it("names an ordering difference once for the view, with the videos that moved and the pages that differ", () => {
    const found = compareListing("list sort=added_desc", ["a", "b", "c", "d"], ["b", "a", "c", "d"], options);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "ordering", view: "list sort=added_desc", sqlite: ["a", "b", "c", "d"] });
    expect(found[0]!.detail).toMatch(
      /the 4 cards both eras list, in a different order; 1 card in another position .* 1 of 2 pages of 2 differ/,
    );
  });

  it("does not count ties in the PostgreSQL era's sort key as an ordering difference", () => {
    const sortKeys = ["(x)", "(x)", "(y)"];
    expect(
      compareListing("list", ["a", "b", "c"], ["b", "a", "c"], { ...options, postgresSortKeys: sortKeys }),
    ).toEqual([]);
    expect(
      compareListing("list", ["a", "b", "c"], ["c", "a", "b"], { ...options, postgresSortKeys: sortKeys }),
    ).toHaveLength(1);
  });

  it("classifies videos listed by one era only, and leaves the order of the others to an ordering finding", () => {
    const found = compareListing("list", ["a", "gone", "b"], ["a", "b", "new"], options);
    expect(found.map((f) => [f.kind, f.videoId])).toEqual([
      ["not_listed", "gone"],
      ["newly_listed", "new"],
    ]);
  });

  it("reports a video the SQLite era listed twice (two content rows) as not listed the same way", () => {
    const found = compareListing("list", ["a", "a", "b"], ["a", "b"], options);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "not_listed", videoId: "a", field: "duplicate", sqlite: 2, postgres: 1 });
  });

  it("leaves membership to the unfiltered list on a re-sort, and skips what the whole list already explained", () => {
    expect(compareListing("list sort=title_az", ["a", "gone"], ["a"], { ...options, membership: false })).toEqual([]);
    const explained = { notListed: new Set(["gone"]), newlyListed: new Set(["new"]) };
    expect(compareListing("list category=X", ["a", "gone"], ["a", "new"], { ...options, explained })).toEqual([]);
  });

  it("gives the same finding the same fingerprint, and a different difference another", () => {
    const one = compareListing("list", ["a", "b", "c"], ["b", "a", "c"], options)[0]!;
    const again = compareListing("list", ["a", "b", "c", "z"], ["b", "a", "c", "z"], options)[0]!;
    const other = compareListing("list", ["a", "b", "c"], ["a", "c", "b"], options)[0]!;
    expect(again.fingerprint).toBe(one.fingerprint);
    expect(other.fingerprint).not.toBe(one.fingerprint);
  });
});

describe("compareCard", () => {
  it("compares timestamps as instants, not as spellings", () => {
    const sqlite = card({ indexed_at: "2025-01-02 03:04:05", published_at: "1735787045" });
    const postgres = card({ indexed_at: "2025-01-02T03:04:05.000Z", published_at: "2025-01-02T03:04:05.000Z" });
    expect(compareCard("aaaaaaaaaaa", sqlite, postgres)).toEqual([]);
  });

  it("names each differing field with both values, the summary left out", () => {
    const found = compareCard(
      "aaaaaaaaaaa",
      card({ title: "Old" }),
      card({
        title: "New",
        analysis: { ...card().analysis, language: "fr" },
        summary: { variant: "comprehensive", text: "t", html: "<p>t</p>", summary_type: null },
      }),
    );
    expect(found.map((f) => [f.kind, f.field, f.sqlite, f.postgres])).toEqual([
      ["field", "title", "Old", "New"],
      ["field", "analysis.language", "en", "fr"],
    ]);
  });
});

describe("compareFacets", () => {
  const facets = (language: Facets["language"]): Facets => ({
    categories: [],
    subcategories: [],
    content_type: [],
    complexity_level: [],
    language,
    summary_type: [{ value: "comprehensive", count: 3 }],
    channel: [],
  });

  it("reports each value whose count differs, a value missing on one side as 0, and not the PostgreSQL era's own summary type", () => {
    const found = compareFacets(
      facets([
        { value: "EN", count: 1 },
        { value: "en", count: 2 },
      ]),
      { ...facets([{ value: "en", count: 3 }]), summary_type: [] },
    );
    expect(found.map((f) => [f.view, f.field, f.sqlite, f.postgres])).toEqual([
      ["facet language", "EN", 1, 0],
      ["facet language", "en", 2, 3],
    ]);
  });
});

describe("groupFindings", () => {
  it("groups by kind in a fixed order with counts and the first examples", () => {
    const found = [
      ...compareListing("list", ["a", "x", "y"], ["a"], options),
      ...compareListing("list", ["a", "b"], ["b", "a"], options),
    ];
    const groups = groupFindings(found, 1);
    expect(groups.map((g) => [g.kind, g.count, g.examples.length])).toEqual([
      ["ordering", 1, 1],
      ["not_listed", 2, 1],
    ]);
  });
});
