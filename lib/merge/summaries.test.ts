import { describe, expect, it } from "vitest";
import { unionSummaries, type SummaryCandidate } from "./summaries";

const c = (over: Partial<SummaryCandidate>): SummaryCandidate => ({
  side: "dashboard",
  table: "summary_variants",
  sourceKey: "1",
  variant: "comprehensive",
  revision: 1,
  text: "text",
  rawJson: null,
  createdAt: "2025-01-01T00:00:00.000000Z",
  updatedAt: null,
  rowid: 1,
  ...over,
});

describe("summary union", () => {
  it("unions revisions from both sides and makes the highest revision the only latest", () => {
    const merged = unionSummaries([
      c({ side: "nas", revision: 3 }),
      c({ revision: 1 }),
      c({ revision: 2, side: "nas" }),
    ]);
    expect(merged.map((s) => [s.revision, s.isLatest])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it("marks one key with the same text on both sides as from both, taking the Dashboard's row", () => {
    const [s] = unionSummaries([c({ side: "nas", sourceKey: "n" }), c({ sourceKey: "d" })]);
    expect(s).toMatchObject({ from: "both", conflict: false, chosen: { sourceKey: "d" } });
    expect(s!.shadowed.map((x) => x.sourceKey)).toEqual(["n"]);
  });

  it("lets the newer created_at win a text conflict", () => {
    const [s] = unionSummaries([
      c({ side: "nas", text: "newer", createdAt: "2026-01-18T10:00:00.000000Z" }),
      c({ text: "older", createdAt: "2026-01-17T09:00:00.000000Z" }),
    ]);
    expect(s).toMatchObject({ from: "nas", conflict: true, chosen: { text: "newer" } });
  });

  it("gives a created_at tie to the Dashboard", () => {
    const [s] = unionSummaries([c({ side: "nas", text: "n" }), c({ text: "d" })]);
    expect(s!.chosen.text).toBe("d");
  });

  it("prefers summary_variants over the old content_summaries for the same key", () => {
    const [s] = unionSummaries([
      c({ table: "content_summaries", text: "old", createdAt: "2027-01-01T00:00:00.000000Z" }),
      c({ side: "nas", text: "variant" }),
    ]);
    expect(s).toMatchObject({ conflict: false, chosen: { table: "summary_variants", text: "variant" } });
  });

  it("uses content.summary only where nothing else gives the variant", () => {
    const fromColumn = c({ table: "content", text: "column" });
    expect(unionSummaries([fromColumn])[0]!.chosen.text).toBe("column");
    const merged = unionSummaries([fromColumn, c({ revision: 2, text: "variant rev 2" })]);
    expect(merged.map((s) => s.chosen.text)).toEqual(["variant rev 2"]);
  });

  it("keeps different variants apart", () => {
    const merged = unionSummaries([c({ variant: "bullet-points" }), c({ variant: "comprehensive" })]);
    expect(merged.map((s) => [s.variant, s.isLatest])).toEqual([
      ["bullet-points", true],
      ["comprehensive", true],
    ]);
  });
});
