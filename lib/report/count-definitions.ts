import { isCategorizationRecord, type CategorizationColumns } from "../sources/categorization";
import type { CategorizationDefinition } from "./types";

/**
 * Contract §6: the owner's notes counted "the 67" three ways. Each is a predicate on a content
 * row's raw columns, counted like ours (one video per derived key, the row the merge uses), so
 * the report shows only how the definitions differ, not how rows are keyed. Pure.
 */
export type DefinitionId = CategorizationDefinition["id"];

const blank = (value: unknown) => value === null || value === undefined || String(value).trim() === "";

export const COUNT_DEFINITIONS: readonly {
  id: DefinitionId;
  label: string;
  ours: boolean;
  test: (row: CategorizationColumns) => boolean;
}[] = [
  {
    id: "design",
    label:
      "DESIGN.md (ours): a non-empty subcategory list in subcategories_json, in analysis, or a non-blank subcategory column",
    ours: true,
    test: isCategorizationRecord,
  },
  {
    id: "subcategory",
    label: "the subcategory column is set (not blank)",
    ours: false,
    test: (row) => !blank(row.subcategory),
  },
  {
    id: "analysis_mentions",
    label: 'analysis mentions subcategories (its text contains "subcategor")',
    ours: false,
    test: (row) => typeof row.analysis === "string" && /subcategor/i.test(row.analysis),
  },
  {
    id: "subcategories_json",
    label: "subcategories_json is set (not blank)",
    ours: false,
    test: (row) => !blank(row.subcategories_json),
  },
];
