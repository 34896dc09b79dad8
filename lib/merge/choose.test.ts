import { describe, expect, it } from "vitest";
import { chooseFields, type ChooseInput } from "./choose";

const base = (over: Partial<ChooseInput>): ChooseInput => ({
  nas: {},
  dashboard: {},
  nasCategorized: false,
  dashboardCategorized: false,
  nasUpdatedMs: 1,
  dashboardUpdatedMs: 1,
  ...over,
});

describe("field choice for a record in both sources", () => {
  it("takes ordinary fields from the side with the newer updated_at", () => {
    const result = chooseFields(base({ nas: { title: "N" }, dashboard: { title: "D" }, nasUpdatedMs: 2 }));
    expect(result.values.title).toBe("N");
    expect(result.diffs).toEqual([{ field: "title", nas: "N", dashboard: "D", defaultSide: "nas", chosenSide: "nas" }]);
  });

  it("takes the Dashboard on an updated_at tie", () => {
    expect(chooseFields(base({ nas: { title: "N" }, dashboard: { title: "D" } })).values.title).toBe("D");
  });

  it("takes categorization fields from the categorized side even when the other is newer", () => {
    const input = base({
      nas: { category: "A", subcategory: "x" },
      dashboard: { category: "B", subcategory: "y" },
      dashboardCategorized: true,
      nasUpdatedMs: 9,
    });
    expect(chooseFields(input).values).toMatchObject({ category: "B", subcategory: "y" });
  });

  it("takes categorization from the NAS only when the NAS alone has a categorization record", () => {
    const input = base({ nas: { category: "A" }, dashboard: { category: "B" }, nasCategorized: true });
    expect(chooseFields(input).values.category).toBe("A");
  });

  it("prefers the Dashboard's categorization when both sides have one", () => {
    const input = base({
      nas: { category: "A" },
      dashboard: { category: "B" },
      nasCategorized: true,
      dashboardCategorized: true,
      nasUpdatedMs: 5,
    });
    expect(chooseFields(input).values.category).toBe("B");
  });

  it("compares JSON as values, so key order is no difference", () => {
    const result = chooseFields(
      base({ nas: { analysis_json: { a: 1, b: 2 } }, dashboard: { analysis_json: { b: 2, a: 1 } } }),
    );
    expect(result.diffs).toEqual([]);
  });

  it("lets the owner's decision override the default side", () => {
    const decisions = new Map([["title", "nas" as const]]);
    const result = chooseFields(base({ nas: { title: "N" }, dashboard: { title: "D" }, decisions }));
    expect(result.values.title).toBe("N");
    expect(result.diffs[0]).toMatchObject({ defaultSide: "dashboard", chosenSide: "nas" });
  });

  it("gives a side whose file lacks the column no say", () => {
    const result = chooseFields(base({ nas: {}, dashboard: { subcategory: "AI" }, nasUpdatedMs: 9 }));
    expect(result.values.subcategory).toBe("AI");
    expect(result.diffs).toEqual([]);
  });

  it("does not count updated_at alone as a difference", () => {
    const result = chooseFields(base({ nas: { updated_at: "a" }, dashboard: { updated_at: "b" }, nasUpdatedMs: 2 }));
    expect(result.diffs).toEqual([]);
    expect(result.values.updated_at).toBe("a");
  });
});
