import { describe, expect, it } from "vitest";
import { STEPS } from "../workflow/steps";
import { renderReportHtml } from "./render-html";
import { REPORT_VERSION, type ReportFacts } from "./types";

const HOSTILE = `</td></table><script>alert("x")</script><link rel="stylesheet" href="https://evil.example/x.css"><img src=x onerror=alert(1)> & 'quoted'`;

function facts(overrides: Partial<ReportFacts> = {}): ReportFacts {
  return {
    draft: true,
    draftReason: "Step 6 (Archive) is not approved yet (it is locked): this report shows the evidence recorded so far.",
    version: REPORT_VERSION,
    generatedAt: "2026-12-02T07:00:00.000Z",
    steps: STEPS.map((step, i) => ({
      id: step.id,
      number: step.number,
      title: step.title,
      gate: step.gate,
      state: i < 3 ? "approved" : "locked",
      reason: i < 3 ? "Approved." : 'Locked until step "Parity" is approved.',
      evidenceRun:
        i < 3
          ? {
              id: i + 1,
              action: "run",
              status: "passed",
              startedAt: "2026-12-02T06:00:00.000Z",
              finishedAt: "2026-12-02T06:01:00.000Z",
              evidenceHash: `${i}`.repeat(64),
              checks: [{ name: "A check", ok: true, waivable: false, detail: HOSTILE }],
            }
          : null,
      approvals:
        i < 3
          ? [
              {
                id: 10 + i,
                runId: i + 1,
                actor: "owner <cli>",
                approvedAt: "2026-12-02T06:02:00.000Z",
                note: HOSTILE,
                evidenceHash: `${i}`.repeat(64),
                inForce: i !== 1,
                revokedAt: i === 1 ? "2026-12-02T06:03:00.000Z" : null,
                revokedReason: i === 1 ? "a new backup" : null,
              },
            ]
          : [],
    })),
    audit: { entries: 42, headSeq: 42, headHash: "a".repeat(64), verified: true, broken: null },
    categorizationCount: {
      available: true,
      backupId: "2026-12-02T06-00-00Z",
      backupRunId: 1,
      expected: 67,
      definitions: [
        { id: "design", label: "ours", ours: true, counts: { nas: 12, dashboard: 67, union: 70 } },
        { id: "subcategory", label: "subcategory set", ours: false, counts: { nas: 3, dashboard: 40, union: 41 } },
      ],
    },
    categorizationRecords: {
      available: true,
      planId: 3,
      planHash: "b".repeat(64),
      targetError: null,
      records: [
        {
          videoId: "dQw4w9WgXcQ",
          title: HOSTILE,
          mergeCase: "both_equal",
          nas: null,
          dashboard: [{ category: "Science <b>", subcategories: ["Physics", "<i>Space</i>"] }],
          postgres: [{ category: "Science <b>", subcategories: ["Physics", "<i>Space</i>"] }],
          status: "identical",
          verified: "identical",
        },
      ],
    },
    quarantine: {
      available: true,
      planId: 3,
      byReason: [{ reason: "invalid_json", rows: 4, videos: 3 }],
      total: 4,
    },
    sections: [
      {
        id: "parity",
        title: "Parity runs (step 4)",
        state: "not_run",
        note: "Not run yet: no parity run is recorded.",
        lines: [],
        tables: [],
      },
      {
        id: "scan",
        title: "Sync-code scan findings (step 5)",
        state: "recorded",
        note: "1 finding",
        lines: [HOSTILE],
        tables: [{ caption: "Findings", columns: ["File"], rows: [[HOSTILE]] }],
      },
    ],
    ...overrides,
  };
}

describe("renderReportHtml", () => {
  it("escapes hostile text everywhere it appears: no markup from the data reaches the page", () => {
    const html = renderReportHtml(facts());
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<link");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<i>Space");
    expect(html).not.toContain("Science <b>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("Science &lt;b&gt;");
    expect(html).toContain("owner &lt;cli&gt;");
    expect(html).toContain("&#39;quoted&#39;");
    // escaped in each of the 3 steps' check and approval note, the title, a section's line and its table cell
    expect(html.split("&lt;/td&gt;&lt;/table&gt;").length - 1).toBe(9);
  });

  it("is self-contained: no script, no link, no external URL in an attribute or the style", () => {
    const html = renderReportHtml(facts());
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(100);
    for (const tag of tags) expect(tag).not.toMatch(/\s(src|href|srcset|action|on\w+)\s*=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain("<style>");
    expect(html).toContain("@media print");
  });

  it("says it is a draft first, in the title and the first line of the page, with the reason", () => {
    const html = renderReportHtml(facts());
    expect(html).toContain("<title>DRAFT — YTV2 cutover: evidence report</title>");
    const body = html.slice(html.indexOf("<body>") + "<body>".length).trimStart();
    expect(body.startsWith('<p class="banner" id="draft">DRAFT — Step 6 (Archive) is not approved yet')).toBe(true);
    const final = renderReportHtml(facts({ draft: false, draftReason: null }));
    expect(final).not.toContain("DRAFT");
    expect(final).toContain("Final: all six steps are approved.");
  });

  it("has every section, each starting a printed page", () => {
    const html = renderReportHtml(facts());
    for (const id of [
      "steps",
      "audit",
      "categorization-count",
      "categorization-records",
      "quarantine",
      "parity",
      "scan",
    ]) {
      expect(html).toMatch(new RegExp(`<section id="${id}"( class="pending")?>`));
    }
    // a section that has not run does not take a printed page of its own
    expect(html).toContain('<section id="parity" class="pending">');
    expect(html).toContain('<section id="scan">');
    expect(html).toMatch(/section:first-of-type,section\.pending\{break-before:auto\}/);
    for (const step of STEPS) expect(html).toContain(`<div class="step" id="step-${step.id}">`);
    expect(html).toMatch(/section\{margin:0;break-before:page\}/);
    expect(html).toContain("Not run yet: no parity run is recorded.");
  });

  it("states each fact with a symbol and a word, not colour alone", () => {
    const html = renderReportHtml(facts());
    expect(html).toContain("✓ approved");
    expect(html).toContain("⊘ locked");
    expect(html).toContain("✕ revoked</span> 2026-12-02 06:03:00 UTC: a new backup");
    expect(html).toContain("✓ in force");
    expect(html).toContain("✓ verified");
    expect(html).toContain("… not run yet");
    expect(html).toContain("<strong>(ours)</strong>");
  });

  it("says plainly when the audit chain is broken, and where", () => {
    const html = renderReportHtml(
      facts({
        audit: {
          entries: 9,
          headSeq: 9,
          headHash: "c".repeat(64),
          verified: false,
          broken: { seq: 4, reason: "does not link to the entry before it" },
        },
      }),
    );
    expect(html).toContain("✕ broken</span> at entry #4: does not link to the entry before it.");
    expect(html).toContain("✕ NOT verified");
  });

  it("names what is missing when a section has no evidence yet", () => {
    const html = renderReportHtml(
      facts({
        categorizationCount: {
          available: false,
          note: "Step 1 (Backup) is not approved: there is no evidence to count.",
        },
        categorizationRecords: {
          available: false,
          note: "Step 3 has no merge plan yet: there are no records to list.",
        },
        quarantine: { available: false, note: "Step 3 has no merge plan yet: nothing is quarantined." },
      }),
    );
    expect(html).toContain("Step 1 (Backup) is not approved: there is no evidence to count.");
    expect(html).toContain("Step 3 has no merge plan yet: there are no records to list.");
  });
});
