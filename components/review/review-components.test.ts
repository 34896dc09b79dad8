import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AuditTable } from "@/components/audit-table";
import { StateBadge } from "@/components/state-badge";
import type { RecordDetail } from "@/lib/review/record-detail";
import type { DetailSummary } from "@/lib/review/record-summaries";
import { NasOnlyFacts, placementLine } from "./record-facts";
import { fieldsHeading } from "./record-fields";
import { SummariesSection } from "./summaries-section";

const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");

/** A block element inside a <p> is invalid HTML: the browser re-parents it and React's hydration fails. */
function blockInsideParagraph(html: string): boolean {
  return /<p\b[^>]*>(?:(?!<\/p>).)*<(?:pre|details|div|ul|section)\b/s.test(html);
}

describe("the record page's summaries", () => {
  const oneSided: DetailSummary = {
    key: "comprehensive/1",
    variant: "comprehensive",
    revision: 1,
    source: "nas",
    isLatest: true,
    conflict: false,
    nas: "A long summary line.\n".repeat(40),
    dashboard: null,
    sidesDiff: null,
    postgres: null,
    targetMatches: null,
  };

  it("shows a summary only one side has from the start, in markup that hydrates (no block inside a <p>)", () => {
    const html = renderToStaticMarkup(createElement(SummariesSection, { summaries: [oneSided] }));
    expect(html).toMatch(/<details open=""/);
    expect(text(html)).toContain("NAS only:");
    expect(blockInsideParagraph(html)).toBe(false);
  });

  it("keeps a summary both sides hold alike folded", () => {
    const same = { ...oneSided, dashboard: oneSided.nas, source: "both" };
    const html = renderToStaticMarkup(createElement(SummariesSection, { summaries: [same] }));
    expect(html).not.toMatch(/<details open=""/);
  });
});

describe("a resurrection candidate's facts", () => {
  const candidate = (placement: RecordDetail["placement"], action: "copy" | "skip") =>
    ({
      record: { mergeCase: "resurrection_candidate", action, defaultAction: "skip" },
      decisions: action === "copy" ? [{ field: "*", choice: "restore" }] : [],
      placement,
      highWaterMark: "2026-01-15T02:30:00.000Z",
      fieldRows: [{ field: "indexed_at", values: { nas: "2025-11-02T10:00:00.000Z" } }],
    }) as unknown as RecordDetail;

  it("leads with what matters: not on the Dashboard, kept out by default, what Restore does", () => {
    const words = text(renderToStaticMarkup(createElement(NasOnlyFacts, { detail: candidate("kept-out", "skip") })));
    expect(words).toContain("Not on the Dashboard: only the NAS has this video, indexed 2025-11-02 10:00:00 UTC");
    expect(words).toContain("at or before the Dashboard's newest video (2026-01-15 02:30:00 UTC)");
    expect(words).toContain("PostgreSQL: kept out of PostgreSQL (default).");
    expect(words).toContain("Restore copies it into PostgreSQL with the next copy");
  });

  it("says what the state is: will be copied by the next copy, then copied", () => {
    expect(placementLine(candidate("will-be-copied", "copy"))).toBe(
      "will be copied to PostgreSQL by the next copy (your decision)",
    );
    expect(placementLine(candidate("copied", "copy"))).toBe("copied to PostgreSQL (your decision)");
    const facts = (placement: RecordDetail["placement"]) =>
      text(renderToStaticMarkup(createElement(NasOnlyFacts, { detail: candidate(placement, "copy") })));
    expect(facts("will-be-copied")).toContain(
      "You chose Restore: the next copy (Copy and verify, or npx cutover copy) copies it into PostgreSQL.",
    );
    expect(facts("copied")).toContain("You restored it: it is in PostgreSQL");
    expect(facts("copied")).not.toContain("By default it stays deleted");
  });
});

describe("the fields heading", () => {
  const row = (difference?: "conflict" | "one-file" | "bookkeeping") =>
    ({ difference }) as RecordDetail["fieldRows"][number];

  it("names a both-equal record's differences as differences without a choice, not conflicts", () => {
    expect(fieldsHeading([row("one-file"), row("one-file"), row("bookkeeping")], 27)).toBe(
      "nothing to decide; 3 differ without a choice (2 columns only one file has, 1 bookkeeping timestamp); 27 the same",
    );
  });

  it("counts the conflicts to decide apart from the rest", () => {
    expect(fieldsHeading([row("conflict"), row("conflict"), row()], 20)).toBe(
      "2 to decide; 1 differs without a choice (1 in PostgreSQL); 20 the same",
    );
    expect(fieldsHeading([], 30)).toBe("nothing to decide; 30 the same");
  });
});

describe("the state badge", () => {
  const label = (props: Parameters<typeof StateBadge>[0]) =>
    text(renderToStaticMarkup(createElement(StateBadge, props)));

  it("says each state in words", () => {
    expect(label({ state: "locked" })).toContain("Locked");
    expect(label({ state: "ready" })).toContain("Ready");
    expect(label({ state: "approved" })).toContain("Approved");
  });

  it('says "awaiting approval" only when the server would accept an approval', () => {
    expect(label({ state: "passed", approvable: true })).toContain("Passed — awaiting approval");
    expect(label({ state: "passed", approvable: false })).toContain("Checks passed — approval waits");
  });
});

describe("the audit table", () => {
  it("folds long hashes and details behind a way to expand them", () => {
    const hash = "a".repeat(64);
    const html = renderToStaticMarkup(
      createElement(AuditTable, {
        entries: [
          {
            seq: 7,
            at: "2026-11-25T00:00:00.000Z",
            actor: "owner (panel)",
            step: "copy",
            action: "approve",
            outcome: "approved",
            detail: JSON.stringify({ runId: 3, evidenceHash: "b".repeat(64), gate: [{ name: "x", ok: true }] }),
            hash,
            prevHash: "c".repeat(64),
          },
        ],
      }),
    );
    expect(html).toMatch(/table-fixed/);
    expect(text(html)).toContain("3. Copy & diff");
    expect(html).toMatch(/<summary[^>]*>aaaaaaaa…<\/summary>/);
    expect(html).toContain(`<dd>${hash}</dd>`);
    expect(text(html)).toContain("show all");
  });
});
