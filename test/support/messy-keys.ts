/**
 * Test data: content rows in every key form the merge meets (DESIGN.md "Merge rules"), with and
 * without categorization, for the tests that hold the backup, the plan and verify to one count.
 * `counted` is the video a row is counted under, or why it is not.
 */
const SUBCATEGORIES = JSON.stringify({ categories: [{ category: "Technology", subcategories: ["AI"] }] });
const ANALYSIS = JSON.stringify({ categories: [{ category: "Games", subcategories: ["Chess"] }] });

export type MessyRow = {
  id: string;
  video_id: string | null;
  updated_at: string;
  subcategories_json?: string;
  analysis?: string;
  subcategory?: string;
  counted: string | "invalid key" | "lost to a newer duplicate" | "not categorized";
};

const row = (
  id: string,
  videoId: string | null,
  counted: MessyRow["counted"],
  extra: Partial<MessyRow> = {},
): MessyRow => ({ id, video_id: videoId, updated_at: "2025-03-01 10:00:00", counted, ...extra });

export const MESSY_DASHBOARD: MessyRow[] = [
  row("yt:AAAAAAAAAAA", "AAAAAAAAAAA", "AAAAAAAAAAA", { subcategories_json: SUBCATEGORIES }),
  row("yt:BBBBBBBBBBB", null, "BBBBBBBBBBB", { subcategories_json: SUBCATEGORIES }),
  row("legacy-17", "CCCCCCCCCCC", "CCCCCCCCCCC", { analysis: ANALYSIS }),
  row("yt:DDDDDDDDDDD", "EEEEEEEEEEE", "EEEEEEEEEEE", { subcategory: "Machine Learning" }),
  row("yt:FFFFFFFFFFF", "bad", "FFFFFFFFFFF", { subcategories_json: SUBCATEGORIES }),
  row("legacy-99", null, "invalid key", { subcategories_json: SUBCATEGORIES }),
  row("yt:short", "also bad", "invalid key", { subcategories_json: SUBCATEGORIES }),
  row("yt:GGGGGGGGGGG", null, "lost to a newer duplicate", {
    subcategories_json: SUBCATEGORIES,
    updated_at: "2024-01-01 00:00:00",
  }),
  row("legacy-g", "GGGGGGGGGGG", "not categorized", { updated_at: "2025-06-01 00:00:00" }),
  row("yt:JJJJJJJJJJJ", null, "not categorized", { updated_at: "2024-01-01 00:00:00" }),
  row("legacy-j", "JJJJJJJJJJJ", "JJJJJJJJJJJ", {
    subcategories_json: SUBCATEGORIES,
    updated_at: "2025-06-01 00:00:00",
  }),
  row("yt:HHHHHHHHHHH", " HHHHHHHHHHH ", "HHHHHHHHHHH", { subcategories_json: SUBCATEGORIES }),
  row("yt:KKKKKKKKKKK", "KKKKKKKKKKK", "not categorized", {
    subcategories_json: JSON.stringify({ categories: [{ category: "News", subcategories: [] }] }),
  }),
];

export const MESSY_NAS: MessyRow[] = [
  row("yt:AAAAAAAAAAA", "AAAAAAAAAAA", "not categorized"),
  row("yt:EEEEEEEEEEE", null, "EEEEEEEEEEE", { subcategories_json: SUBCATEGORIES }),
  row("yt:IIIIIIIIIII", "IIIIIIIIIII", "IIIIIIIIIII", { subcategories_json: SUBCATEGORIES }),
  row("yt:GGGGGGGGGGG", "GGGGGGGGGGG", "GGGGGGGGGGG", { subcategories_json: SUBCATEGORIES }),
  row("x", null, "invalid key", { subcategories_json: SUBCATEGORIES }),
];

const VALID = /^[A-Za-z0-9_-]{11}$/;

/** The videos a side counts, read off the rows' `counted` labels. */
export function countedKeys(rows: MessyRow[]): string[] {
  return rows
    .map((r) => r.counted)
    .filter((counted) => VALID.test(counted))
    .sort();
}
