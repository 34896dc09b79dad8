import { describe, expect, it } from "vitest";
import { COUNT_DEFINITIONS, type DefinitionId } from "./count-definitions";

const test = (id: DefinitionId) => COUNT_DEFINITIONS.find((d) => d.id === id)!.test;

describe("the categorization count's definitions (contract §6)", () => {
  it("lists ours first, and the three of the owner's notes", () => {
    expect(COUNT_DEFINITIONS.map((d) => [d.id, d.ours])).toEqual([
      ["design", true],
      ["subcategory", false],
      ["analysis_mentions", false],
      ["subcategories_json", false],
    ]);
  });

  it("counts what each one says and nothing else", () => {
    const emptyList = { subcategories_json: '{"categories":[{"category":"Science","subcategories":[]}]}' };
    expect(test("subcategories_json")(emptyList)).toBe(true);
    expect(test("design")(emptyList)).toBe(false);
    expect(test("subcategories_json")({ subcategories_json: "  " })).toBe(false);

    expect(test("subcategory")({ subcategory: "Physics" })).toBe(true);
    expect(test("subcategory")({ subcategory: "   " })).toBe(false);
    expect(test("subcategory")({ subcategory: null })).toBe(false);

    const mentions = { analysis: '{"categories":[{"category":"Science","subcategories":[]}]}' };
    expect(test("analysis_mentions")(mentions)).toBe(true);
    expect(test("design")(mentions)).toBe(false);
    expect(test("analysis_mentions")({ analysis: '{"sentiment":"positive"}' })).toBe(false);
    expect(test("analysis_mentions")({ analysis: '{"Subcategories":["Physics"]}' })).toBe(true);
  });
});
