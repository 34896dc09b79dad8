import { describe, expect, it } from "vitest";
import { diffCategorization, NO_CATEGORY, normalizeCategorization } from "./categorization-diff";

const TECH = '{"categories":[{"category":"Technology","subcategories":["AI","Programming"]}]}';

describe("normalizeCategorization", () => {
  it("reads subcategories_json as JSON text", () => {
    expect(normalizeCategorization({ subcategories_json: TECH })).toEqual({
      categories: [{ category: "Technology", subcategories: ["AI", "Programming"] }],
      from: "subcategories_json",
      unreadable: [],
    });
  });

  it("reads subcategories_json already parsed (PostgreSQL JSONB)", () => {
    const result = normalizeCategorization({ subcategories_json: JSON.parse(TECH) });
    expect(result.categories).toEqual([{ category: "Technology", subcategories: ["AI", "Programming"] }]);
  });

  it("reads analysis categories[].subcategories", () => {
    const analysis = JSON.stringify({ categories: [{ category: "Science", subcategories: ["Physics"] }] });
    expect(normalizeCategorization({ analysis })).toMatchObject({
      categories: [{ category: "Science", subcategories: ["Physics"] }],
      from: "analysis",
    });
  });

  it("reads analysis_json (the target's column) like analysis", () => {
    const result = normalizeCategorization({ analysis_json: { subcategories: ["Cooking"] }, category: "Lifestyle" });
    expect(result.categories).toEqual([{ category: "Lifestyle", subcategories: ["Cooking"] }]);
  });

  it("puts a bare analysis subcategories list under analysis.category, else the category column", () => {
    expect(normalizeCategorization({ analysis: '{"category":"Music","subcategories":["Jazz"]}' }).categories).toEqual([
      { category: "Music", subcategories: ["Jazz"] },
    ]);
    expect(normalizeCategorization({ analysis: '{"subcategories":["Jazz"]}' }).categories).toEqual([
      { category: NO_CATEGORY, subcategories: ["Jazz"] },
    ]);
  });

  it("reads the plain subcategory column under the category column", () => {
    expect(normalizeCategorization({ subcategory: "AI", category: "Technology" })).toMatchObject({
      categories: [{ category: "Technology", subcategories: ["AI"] }],
      from: "subcategory",
    });
  });

  it("reads a JSON list in the subcategory column as several names", () => {
    expect(normalizeCategorization({ subcategory: '["AI","Web"]' }).categories).toEqual([
      { category: NO_CATEGORY, subcategories: ["AI", "Web"] },
    ]);
  });

  it("prefers subcategories_json over analysis over the column", () => {
    const result = normalizeCategorization({
      subcategories_json: TECH,
      analysis: '{"subcategories":["Other"]}',
      subcategory: "Column",
    });
    expect(result.from).toBe("subcategories_json");
  });

  it("falls through an empty subcategories_json to the next source", () => {
    const result = normalizeCategorization({ subcategories_json: '{"categories":[]}', subcategory: "AI" });
    expect(result.from).toBe("subcategory");
  });

  it("marks invalid JSON as unreadable with the raw text, and still reads the other sources", () => {
    const result = normalizeCategorization({ subcategories_json: "{'categories': oops", subcategory: "AI" });
    expect(result.unreadable).toEqual([{ field: "subcategories_json", raw: "{'categories': oops" }]);
    expect(result.categories).toEqual([{ category: NO_CATEGORY, subcategories: ["AI"] }]);
  });

  it("gives no categories for NULL, empty text, 'null' or None", () => {
    for (const value of [null, undefined, "", "null", "None"]) {
      expect(normalizeCategorization({ subcategories_json: value })).toEqual({
        categories: [],
        from: null,
        unreadable: [],
      });
    }
    expect(normalizeCategorization(null).categories).toEqual([]);
  });

  it("skips non-string and blank subcategories but keeps names exactly as written", () => {
    const result = normalizeCategorization({
      subcategories_json: { categories: [{ category: "Tech", subcategories: ["AI ", 3, "", " ", null] }] },
    });
    expect(result.categories).toEqual([{ category: "Tech", subcategories: ["AI "] }]);
  });

  it("names a category entry without a name by the fallback", () => {
    const result = normalizeCategorization({ subcategories_json: { categories: [{ subcategories: ["AI"] }] } });
    expect(result.categories[0].category).toBe(NO_CATEGORY);
  });

  it("reads a top-level array of category entries", () => {
    const result = normalizeCategorization({ subcategories_json: [{ category: "Tech", subcategories: ["AI"] }] });
    expect(result.categories).toEqual([{ category: "Tech", subcategories: ["AI"] }]);
  });
});

describe("diffCategorization", () => {
  it("is identical when both sides hold the same categorization in different forms", () => {
    const diff = diffCategorization({ subcategories_json: TECH }, { subcategories_json: JSON.parse(TECH) });
    expect(diff.identical).toBe(true);
    expect(diff.orderOnly).toBe(false);
    expect(diff.categories).toEqual([
      {
        category: "Technology",
        state: "same",
        chips: [
          { name: "AI", state: "same" },
          { name: "Programming", state: "same" },
        ],
      },
    ]);
  });

  it("marks chips only on the right as added and only on the left as removed", () => {
    const right = '{"categories":[{"category":"Technology","subcategories":["AI","Robotics"]}]}';
    const diff = diffCategorization({ subcategories_json: TECH }, { subcategories_json: right });
    expect(diff.identical).toBe(false);
    expect(diff.categories[0].chips).toEqual([
      { name: "AI", state: "same" },
      { name: "Programming", state: "removed" },
      { name: "Robotics", state: "added" },
    ]);
  });

  it("marks whole categories added or removed", () => {
    const right = '{"categories":[{"category":"Science","subcategories":["Physics"]}]}';
    const diff = diffCategorization({ subcategories_json: TECH }, { subcategories_json: right });
    expect(diff.categories.map((c) => [c.category, c.state])).toEqual([
      ["Technology", "removed"],
      ["Science", "added"],
    ]);
    expect(diff.categories[1].chips).toEqual([{ name: "Physics", state: "added" }]);
  });

  it("shows everything added when the left side (the NAS copy) has no categorization", () => {
    const diff = diffCategorization({ subcategories_json: null }, { subcategories_json: TECH });
    expect(diff.categories[0].state).toBe("added");
    expect(diff.categories[0].chips.every((chip) => chip.state === "added")).toBe(true);
  });

  it("is identical when neither side has a categorization", () => {
    expect(diffCategorization(null, {}).identical).toBe(true);
  });

  it("flags sets that are equal but ordered differently", () => {
    const right = '{"categories":[{"category":"Technology","subcategories":["Programming","AI"]}]}';
    const diff = diffCategorization({ subcategories_json: TECH }, { subcategories_json: right });
    expect(diff.identical).toBe(true);
    expect(diff.orderOnly).toBe(true);
  });

  it("merges a category named twice on one side", () => {
    const left = {
      subcategories_json: {
        categories: [
          { category: "Tech", subcategories: ["AI"] },
          { category: "Tech", subcategories: ["Web", "AI"] },
        ],
      },
    };
    const diff = diffCategorization(left, {
      subcategories_json: { categories: [{ category: "Tech", subcategories: ["AI", "Web"] }] },
    });
    expect(diff.categories).toHaveLength(1);
    expect(diff.identical).toBe(true);
  });

  it("treats names as exact: a trailing space or other case is a different chip", () => {
    const diff = diffCategorization({ subcategory: "AI" }, { subcategory: "ai" });
    expect(diff.categories[0].chips).toEqual([
      { name: "AI", state: "removed" },
      { name: "ai", state: "added" },
    ]);
  });

  it("keeps each side's unreadable markers", () => {
    const diff = diffCategorization({ subcategories_json: "{bad" }, { subcategories_json: TECH });
    expect(diff.left.unreadable).toEqual([{ field: "subcategories_json", raw: "{bad" }]);
    expect(diff.right.unreadable).toEqual([]);
  });
});
