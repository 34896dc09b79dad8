import { describe, expect, it } from "vitest";
import { analysisFromJson, cardCategories, legacyCategories, legacyCategoryNames } from "./card";

describe("the card's readings (YTV2-CONTRACT.md §2–3)", () => {
  it("takes chips from subcategories_json.categories, else analysis_json.categories", () => {
    const own = { categories: [{ category: "A", subcategories: ["x"] }] };
    const analysis = { categories: [{ category: "B", subcategories: [] }] };
    expect(cardCategories(own, analysis)).toEqual(own.categories);
    expect(cardCategories({ categories: [] }, analysis)).toEqual(analysis.categories);
    expect(cardCategories(null, analysis)).toEqual(analysis.categories);
    expect(cardCategories(null, null)).toEqual([]);
    // an entry without a category name has no chip
    expect(cardCategories({ categories: [{ name: "A" }, "B"] }, null)).toEqual([]);
  });

  it("reads the legacy category column as a JSON list or one plain name", () => {
    expect(legacyCategoryNames('["A", "B", ""]')).toEqual(["A", "B"]);
    expect(legacyCategoryNames("[not json")).toEqual(["[not json"]);
    expect(legacyCategoryNames("  ")).toEqual([]);
    expect(legacyCategories("A", "x", null)).toEqual([{ category: "A", subcategories: ["x"] }]);
    expect(legacyCategories("A", null, { subcategories: ["y"] })).toEqual([{ category: "A", subcategories: ["y"] }]);
    expect(legacyCategories(null, "x", null)).toEqual([]);
  });

  it("reads a PostgreSQL-era card's facts from analysis_json, language absent shown as en", () => {
    const read = analysisFromJson(
      { complexity: "hard", word_count: 10, has_transcript: true, transcript_chars: 99, key_topics: ["k"] },
      null,
    );
    expect(read.analysis).toMatchObject({
      language: "en",
      complexity_level: "hard",
      key_topics: ["k"],
      named_entities: [],
    });
    expect(read.media).toEqual({ audio_duration_seconds: null, has_transcript: true, transcript_chars: 99 });
    expect(read.word_count).toBe(10);
    expect(analysisFromJson(null, null).analysis.language).toBe("en");
  });
});
