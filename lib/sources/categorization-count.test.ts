import { describe, expect, it } from "vitest";
import { countedKeys, MESSY_DASHBOARD, MESSY_NAS, type MessyRow } from "@/test/support/messy-keys";
import { flagCategorized, tallyCategorization } from "./categorization-count";

const asRows = (rows: MessyRow[]) =>
  rows.map((r, index) =>
    flagCategorized({ rowid: index + 1, indexed_at: r.updated_at, created_at: r.updated_at, ...r }),
  );

describe("tallyCategorization", () => {
  it("counts each video once, under the merge's key, from the row the merge uses", () => {
    const dashboard = tallyCategorization(asRows(MESSY_DASHBOARD));
    expect(dashboard.keys).toEqual(countedKeys(MESSY_DASHBOARD));
    expect(dashboard.count).toBe(7);
    // "bad" as video_id with a yt: id is the id's video; a categorized row that lost to a newer duplicate is not counted.
    expect(dashboard.keys).toContain("FFFFFFFFFFF");
    expect(dashboard.keys).not.toContain("GGGGGGGGGGG");
    expect(dashboard.quarantined).toEqual({ invalidKey: 2, duplicateKey: 1 });
  });

  it("gives the same count whatever order the rows come in", () => {
    const reversed = asRows(MESSY_DASHBOARD).reverse();
    expect(tallyCategorization(reversed).keys).toEqual(countedKeys(MESSY_DASHBOARD));
  });

  it("counts the NAS side under the same keys, so the union is the merged count", () => {
    const nas = tallyCategorization(asRows(MESSY_NAS));
    expect(nas.keys).toEqual(["EEEEEEEEEEE", "GGGGGGGGGGG", "IIIIIIIIIII"]);
    const union = new Set([...nas.keys, ...tallyCategorization(asRows(MESSY_DASHBOARD)).keys]);
    expect(union.size).toBe(9);
  });
});
