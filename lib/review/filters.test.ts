import { describe, expect, it } from "vitest";
import { phraseMatches } from "./approval-phrase";
import { decisionStateOf, defaultsFingerprint, type RecordDefaults } from "./decision-state";
import { parseReviewQuery, reviewHref, toPlanFilter } from "./filters";

describe("review query", () => {
  it("keeps known filters and drops unknown values instead of failing the page", () => {
    const query = parseReviewQuery({
      case: "both_differ",
      status: "bogus",
      q: "  ai  ",
      after: "40",
      categorized: "1",
    });
    expect(query).toMatchObject({ tab: "records", case: "both_differ", status: undefined, q: "ai", after: 40 });
    expect(toPlanFilter(query)).toMatchObject({ mergeCase: "both_differ", categorized: true, search: "ai" });
    expect(parseReviewQuery({ tab: ["categorization", "x"], after: "-3" })).toMatchObject({
      tab: "categorization",
      after: undefined,
    });
  });

  it("builds shareable links; changing a filter starts again at page one", () => {
    const query = parseReviewQuery({ case: "nas_new", after: "100", q: "x y" });
    expect(reviewHref("/r", query, { status: "missing" })).toBe("/r?case=nas_new&q=x+y&status=missing");
    expect(reviewHref("/r", query, { after: 150 })).toBe("/r?case=nas_new&q=x+y&after=150");
    expect(reviewHref("/r", parseReviewQuery({}))).toBe("/r");
  });
});

describe("decision state", () => {
  const conflict: RecordDefaults = {
    videoId: "abcdefghijk",
    mergeCase: "both_differ",
    defaultAction: "copy",
    fields: [
      { field: "title", defaultSide: "dashboard", nasValue: '"A"', dashboardValue: '"B"' },
      { field: "view_count", defaultSide: "dashboard", nasValue: "1", dashboardValue: "2" },
    ],
  };

  it("needs every differing field decided, or a confirmation of the same defaults", () => {
    expect(decisionStateOf(conflict, new Set(["title"]), undefined)).toBe("undecided");
    expect(decisionStateOf(conflict, new Set(["title", "view_count"]), undefined)).toBe("decided");
    expect(decisionStateOf(conflict, new Set(), defaultsFingerprint(conflict))).toBe("confirmed");
  });

  it("asks again when a re-plan changed the defaults the owner confirmed", () => {
    const confirmed = defaultsFingerprint(conflict);
    const replanned = { ...conflict, fields: [{ ...conflict.fields[0]!, nasValue: '"C"' }, conflict.fields[1]!] };
    expect(decisionStateOf(replanned, new Set(), confirmed)).toBe("undecided");
    const reordered = { ...conflict, fields: [...conflict.fields].reverse() };
    expect(decisionStateOf(reordered, new Set(), confirmed)).toBe("confirmed");
  });

  it("leaves records without a choice out", () => {
    expect(decisionStateOf({ ...conflict, mergeCase: "both_equal", fields: [] }, new Set(), undefined)).toBe("none");
    const candidate = { videoId: "x", mergeCase: "resurrection_candidate", defaultAction: "skip", fields: [] };
    expect(decisionStateOf(candidate, new Set(["*"]), undefined)).toBe("decided");
  });
});

describe("typed confirmation", () => {
  it("accepts the phrase regardless of case and spacing, nothing else", () => {
    expect(phraseMatches("copy is complete", "  Copy   is complete ")).toBe(true);
    expect(phraseMatches("copy is complete", "copy is completed")).toBe(false);
    expect(phraseMatches("copy is complete", undefined)).toBe(false);
  });
});
