import { describe, expect, it } from "vitest";
import { compareVideo, type ParityRecord } from "./compare";

const record = (content: Record<string, unknown> = {}, latest: [string, string | null][] = []): ParityRecord => ({
  content: { title: "T", channel_name: "C", word_count: 10, ...content },
  latest: new Map(latest),
});
const kinds = (differences: ReturnType<typeof compareVideo>) => differences.map((d) => [d.kind, d.field]);

describe("compareVideo's presence rules", () => {
  it("a copied video gone from PostgreSQL only is a delete drift; a video new since the copy is missing in the target", () => {
    expect(kinds(compareVideo("v", record(), null, { planned: "copy", newSinceCopy: false }))).toEqual([
      ["delete_drift", null],
    ]);
    expect(kinds(compareVideo("v", record(), null, { newSinceCopy: true }))).toEqual([["missing_in_target", null]]);
  });

  it("a video deleted on the Dashboard only (a resurrection candidate now) still in PostgreSQL is a delete drift", () => {
    const merged = { mergeCase: "resurrection_candidate", copied: false };
    expect(kinds(compareVideo("v", null, record(), { merged, planned: "copy", newSinceCopy: false }))).toEqual([
      ["delete_drift", null],
    ]);
  });

  it("a copied video gone from both files is a delete drift; one never in either file is missing in the source", () => {
    expect(kinds(compareVideo("v", null, record(), { planned: "copy", newSinceCopy: false }))).toEqual([
      ["delete_drift", null],
    ]);
    expect(kinds(compareVideo("v", null, record(), { newSinceCopy: true }))).toEqual([["missing_in_source", null]]);
  });

  it("says what holds now: a copied video in neither file is not called deleted in both (it may have been in one)", () => {
    const values = (d: ReturnType<typeof compareVideo>) => d.map((x) => [x.sourceValue, x.targetValue]);
    expect(values(compareVideo("v", null, record(), { planned: "copy", newSinceCopy: false }))).toEqual([
      ["in neither SQLite file now (step 3 copied it)", "present"],
    ]);
    expect(values(compareVideo("v", record(), null, { planned: "copy", newSinceCopy: false }))).toEqual([
      ["present", "not in PostgreSQL now (step 3 copied it)"],
    ]);
    expect(values(compareVideo("v", record(), null, { newSinceCopy: true }))).toEqual([
      ["present", "not in PostgreSQL"],
    ]);
    expect(values(compareVideo("v", null, record(), { newSinceCopy: true }))).toEqual([
      ["in neither SQLite file", "present"],
    ]);
    const candidate = { mergeCase: "resurrection_candidate", copied: false };
    expect(
      values(compareVideo("v", null, record(), { merged: candidate, planned: "copy", newSinceCopy: false })),
    ).toEqual([
      [
        "not in the Dashboard file, still in the NAS file: the merge keeps it out as deleted on the Dashboard",
        "present",
      ],
    ]);
    const decided = { mergeCase: "nas_new", copied: false };
    expect(
      values(compareVideo("v", null, record(), { merged: decided, planned: "copy", newSinceCopy: false })),
    ).toEqual([["left out by the owner's decision", "present"]]);
  });

  it("what the copy left out on purpose and PostgreSQL does not hold is no drift", () => {
    const merged = { mergeCase: "resurrection_candidate", copied: false };
    expect(compareVideo("v", null, null, { merged, planned: "skip", newSinceCopy: false })).toEqual([]);
  });
});

describe("compareVideo's fields, categorization and summaries", () => {
  it("a copied video compares every migrated field; one new since the copy only what the NAS writes", () => {
    const source = record({ word_count: 10 });
    const target = record({ word_count: null });
    expect(kinds(compareVideo("v", source, target, { planned: "copy", newSinceCopy: false }))).toEqual([
      ["field_drift", "word_count"],
    ]);
    expect(compareVideo("v", source, target, { newSinceCopy: true })).toEqual([]);
  });

  it("compares categories semantically: the same chips in another column or order are equal", () => {
    const source = record({
      subcategories_json: { categories: [{ category: "Tech", subcategories: ["AI", "Tools"] }] },
    });
    const same = record({ analysis_json: { categories: [{ category: "Tech", subcategories: ["Tools", "AI"] }] } });
    const other = record({ subcategories_json: { categories: [{ category: "Tech", subcategories: ["AI"] }] } });
    const context = { planned: "copy" as const, newSinceCopy: false };
    expect(compareVideo("v", source, same, context)).toEqual([]);
    expect(kinds(compareVideo("v", source, other, context))).toEqual([["categorization_drift", "categories"]]);
  });

  it("names each variant whose latest summary differs or exists on one side only", () => {
    const source = record({}, [
      ["comprehensive", "a"],
      ["key-points", "b"],
    ]);
    const target = record({}, [
      ["comprehensive", "x"],
      ["audio", "c"],
    ]);
    expect(kinds(compareVideo("v", source, target, { planned: "copy", newSinceCopy: false }))).toEqual([
      ["summary_drift", "audio"],
      ["summary_drift", "comprehensive"],
      ["summary_drift", "key-points"],
    ]);
  });
});
