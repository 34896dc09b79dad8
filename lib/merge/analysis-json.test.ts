import { describe, expect, it } from "vitest";
import { buildAnalysisJson, CARD_KEYS, recordCategorization } from "./analysis-json";
import type { TargetValues } from "./fields";

const merged = (over: TargetValues = {}): TargetValues => ({
  language: "en",
  content_type: "tutorial",
  complexity_level: "Intermediate",
  topics_json: ["AI", "Databases"],
  named_entities_json: ["PostgreSQL"],
  word_count: 812,
  audio_duration_seconds: 300,
  has_transcript: true,
  transcript_chars: 5000,
  category: "Technology",
  subcategory: null,
  subcategories_json: null,
  analysis_json: null,
  ...over,
});

describe("buildAnalysisJson (YTV2-CONTRACT.md §2)", () => {
  it("writes every card key from the merged column", () => {
    const out = buildAnalysisJson(merged());
    expect(out).toMatchObject({
      language: "en",
      content_type: "tutorial",
      complexity_level: "Intermediate",
      key_topics: ["AI", "Databases"],
      named_entities: ["PostgreSQL"],
      word_count: 812,
      audio_duration_seconds: 300,
      has_transcript: true,
      transcript_chars: 5000,
      category: "Technology",
    });
    expect(Object.keys(CARD_KEYS).every((key) => key in out)).toBe(true);
  });

  it("keeps every other key of the legacy object, and what a card key replaced under legacy_replaced", () => {
    const legacy = { sentiment: "positive", language: "English", content_type: "tutorial", model: { name: "m" } };
    const out = buildAnalysisJson(merged({ analysis_json: legacy }));
    expect(out).toMatchObject({
      sentiment: "positive",
      model: { name: "m" },
      language: "en",
      content_type: "tutorial",
    });
    // content_type was equal, so nothing of it needs keeping
    expect(out.legacy_replaced).toEqual({ language: "English" });
  });

  it("keeps a legacy analysis that is not an object whole, and an earlier legacy_replaced under itself", () => {
    expect(buildAnalysisJson(merged({ analysis_json: [1, 2] })).legacy_analysis).toEqual([1, 2]);
    const out = buildAnalysisJson(merged({ analysis_json: { legacy_replaced: "x" } }));
    expect(out.legacy_replaced).toEqual({ legacy_replaced: "x" });
  });

  it("moves a legacy complexity aside when the merged complexity_level is empty, so the card shows the column", () => {
    const out = buildAnalysisJson(merged({ complexity_level: null, analysis_json: { complexity: "hard" } }));
    expect(out.complexity).toBeUndefined();
    expect(out.complexity_level).toBeNull();
    expect(out.legacy_replaced).toEqual({ complexity: "hard" });
    expect(buildAnalysisJson(merged({ analysis_json: { complexity: "hard" } })).complexity).toBe("hard");
  });

  it("builds categories from the legacy columns when that is the only categorization", () => {
    expect(buildAnalysisJson(merged({ subcategory: "Machine Learning" })).categories).toEqual([
      { category: "Technology", subcategories: ["Machine Learning"] },
    ]);
    expect(
      buildAnalysisJson(merged({ category: '["Science", "Education"]', subcategory: '["Optics"]' })).categories,
    ).toEqual([
      { category: "Science", subcategories: ["Optics"] },
      { category: "Education", subcategories: ["Optics"] },
    ]);
    // a category alone still gets its chip, with an empty list
    expect(buildAnalysisJson(merged()).categories).toEqual([{ category: "Technology", subcategories: [] }]);
    // bare subcategories in the legacy analysis are the record's curated ones
    const bare = buildAnalysisJson(merged({ analysis_json: { subcategories: ["Robotics"] } }));
    expect(bare.categories).toEqual([{ category: "Technology", subcategories: ["Robotics"] }]);
    expect(bare.subcategories).toEqual(["Robotics"]);
  });

  it("leaves categories alone where subcategories_json or the legacy analysis has them, or there is no category", () => {
    const own = { categories: [{ category: "Science", subcategories: ["Space"] }] };
    expect(buildAnalysisJson(merged({ subcategories_json: own })).categories).toBeUndefined();
    expect(buildAnalysisJson(merged({ analysis_json: own })).categories).toEqual(own.categories);
    expect(buildAnalysisJson(merged({ category: null, subcategory: "x" })).categories).toBeUndefined();
    const empty = buildAnalysisJson(merged({ analysis_json: { categories: [] } }));
    expect(empty.categories).toEqual([{ category: "Technology", subcategories: [] }]);
    expect(empty.legacy_replaced).toEqual({ categories: [] });
  });
});

describe("recordCategorization", () => {
  it("reads the curated forms as lib/diff does, and legacy columns as the contract says they hold", () => {
    const json = { categories: [{ category: "Science", subcategories: ["Space"] }] };
    expect(recordCategorization(merged({ subcategories_json: json }))).toEqual(json.categories);
    expect(recordCategorization(merged({ category: '["A", "B"]', subcategory: "s" }))).toEqual([
      { category: "A", subcategories: ["s"] },
      { category: "B", subcategories: ["s"] },
    ]);
    expect(recordCategorization(merged({ category: null, subcategory: "s" }))).toEqual([
      { category: "(no category)", subcategories: ["s"] },
    ]);
  });
});
