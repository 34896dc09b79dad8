import { describe, expect, it } from "vitest";
import { isCategorizationRecord } from "./categorization";

describe("isCategorizationRecord", () => {
  it("counts a row with subcategories in subcategories_json", () => {
    const json = JSON.stringify({ categories: [{ category: "Technology", subcategories: ["AI"] }] });
    expect(isCategorizationRecord({ subcategories_json: json })).toBe(true);
  });

  it("does not count empty subcategory lists", () => {
    const json = JSON.stringify({ categories: [{ category: "Technology", subcategories: [] }] });
    expect(isCategorizationRecord({ subcategories_json: json })).toBe(false);
    expect(
      isCategorizationRecord({ subcategories_json: JSON.stringify({ categories: [{ subcategories: [" "] }] }) }),
    ).toBe(false);
  });

  it("counts subcategories found in analysis, in either shape", () => {
    expect(isCategorizationRecord({ analysis: JSON.stringify({ categories: [{ subcategories: ["Chess"] }] }) })).toBe(
      true,
    );
    expect(isCategorizationRecord({ analysis: JSON.stringify({ subcategories: ["Chess"] }) })).toBe(true);
  });

  it("counts the plain subcategory column", () => {
    expect(isCategorizationRecord({ subcategory: "Machine Learning" })).toBe(true);
    expect(isCategorizationRecord({ subcategory: "  " })).toBe(false);
  });

  it("ignores invalid JSON, nulls and missing columns", () => {
    expect(isCategorizationRecord({ subcategories_json: "{not json", analysis: null })).toBe(false);
    expect(isCategorizationRecord({})).toBe(false);
  });
});
