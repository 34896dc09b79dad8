import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { diffCategorization, normalizeCategorization } from "@/lib/diff/categorization-diff";
import { jsonDiff } from "@/lib/diff/json-diff";
import { wordDiff } from "@/lib/diff/word-diff";
import { renderSummaryHtml } from "@/lib/merge/transforms/html";
import { CaseBadge } from "./case-badge";
import { CategorizationChips, CategorizationSide } from "./categorization-chips";
import { FoldedValue } from "./folded-value";
import { HtmlPreview } from "./html-preview";
import { JsonDiffView } from "./json-diff-view";
import { StatusBadge } from "./status-badge";
import { ThreeColumnTable, type FieldRow } from "./three-column-table";
import { WordDiffView } from "./word-diff-view";

/** The markup, and the text a reader sees with tags removed and entities decoded. */
function render(element: ReturnType<typeof createElement>) {
  const html = renderToStaticMarkup(element);
  const text = html
    .replace(/<[^>]*>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  return { html, text };
}

describe("ThreeColumnTable", () => {
  const rows: FieldRow[] = [
    {
      field: "title",
      values: { nas: "Old title", dashboard: "New title", postgres: "New title" },
      chosen: "dashboard",
    },
    { field: "language", values: { nas: "en", dashboard: "en", postgres: "en" } },
    {
      field: "updated_at",
      kind: "timestamp",
      values: {
        nas: "2024-01-02 03:04:05",
        dashboard: "2024-01-02T03:04:05Z",
        postgres: "2024-01-02T03:04:05.000000Z",
      },
    },
    { field: "summary", values: { nas: "word ".repeat(200), dashboard: null, postgres: "short" } },
    {
      field: "analysis",
      kind: "json",
      values: { nas: '{"b":1,"a":2}', dashboard: '{"a":2,"b":1.0}', postgres: { a: 2, b: 1 } },
    },
  ];
  const { html, text } = render(createElement(ThreeColumnTable, { caption: "Fields of abc", rows }));

  it("has an accessible table: caption, column and row headers", () => {
    expect(html).toContain("<caption");
    expect(html).toMatch(/<th scope="col"[^>]*>NAS<\/th>/);
    expect(html).toMatch(/<th scope="col"[^>]*>Dashboard<\/th>/);
    expect(html).toMatch(/<th scope="col"[^>]*>PostgreSQL<\/th>/);
    expect(html).toContain('scope="row"');
  });

  it("marks a differing row with an icon and the word, and an equal one only for screen readers", () => {
    const titleRow = /<tr[^>]*id="field-title"[^>]*>.*?<\/tr>/s.exec(html)![0];
    expect(titleRow.replace(/<[^>]*>/g, "")).toContain("≠ differs");
    const languageRow = /<tr[^>]*id="field-language"[^>]*>.*?<\/tr>/s.exec(html)![0];
    expect(languageRow).not.toContain("differs");
    expect(languageRow).toContain("same on every side");
  });

  it("compares timestamps as instants and JSON semantically, so those rows do not differ", () => {
    for (const field of ["updated_at", "analysis"]) {
      const row = new RegExp(`<tr[^>]*id="field-${field}"[^>]*>.*?</tr>`, "s").exec(html)![0];
      expect(row).not.toContain("differs");
    }
  });

  it("marks the chosen side", () => {
    expect(text).toContain("✓ chosen");
  });

  it("shows a missing value in words and folds a long one with its length", () => {
    expect(text).toContain("— (none)");
    expect(text).toContain("show all 1000 characters");
    expect(html).toContain("<details");
  });

  it("pretty-prints JSON values", () => {
    expect(text).toContain('{\n  "b": 1,\n  "a": 2\n}');
  });

  it("says when a side holds no record at all", () => {
    const absent = render(
      createElement(ThreeColumnTable, { caption: "c", rows: [rows[1]], absentSides: ["nas"] as const }),
    ).text;
    expect(absent).toContain("— (no record)");
  });

  it("takes parity's four columns, says an absent side in its own words, and marks a row parity names with the kind", () => {
    const parity = render(
      createElement(ThreeColumnTable, {
        caption: "c",
        columns: ["nas", "dashboard", "merged", "postgres"] as const,
        absentSides: ["dashboard"] as const,
        absentWords: { dashboard: "not in the Dashboard file" },
        sameWords: "no parity difference",
        rows: [
          {
            field: "title",
            values: { nas: "T", merged: "T", postgres: "(untitled)" },
            differs: true,
            flag: { kind: "field_drift", words: "a field differs" },
          },
          { field: "language", values: { nas: "en", merged: "en", postgres: "en" }, differs: false },
        ],
      }),
    );
    const headers = [...parity.html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) =>
      m[1]!.replace(/<[^>]*>/g, "").replace(/&#x27;/g, "'"),
    );
    expect(headers).toEqual([
      "Field",
      "NAS",
      "Dashboard (not in the Dashboard file)",
      "Merged by the copy's rules",
      "PostgreSQL",
    ]);
    const title = /<tr[^>]*id="field-title"[^>]*>.*?<\/tr>/s.exec(parity.html)![0];
    expect(title).toContain("bg-rose-50");
    expect(title.replace(/<[^>]*>/g, "")).toContain("⚑ field_drifta field differs");
    expect(title.replace(/<[^>]*>/g, "")).toContain("— (not in the Dashboard file)");
    const language = /<tr[^>]*id="field-language"[^>]*>.*?<\/tr>/s.exec(parity.html)![0];
    expect(language).toContain("no parity difference");
    expect(language).not.toContain("⚑");
  });
});

describe("CategorizationChips", () => {
  const diff = diffCategorization(
    { subcategories_json: '{"categories":[{"category":"Technology","subcategories":["AI","Programming"]}]}' },
    { subcategories_json: { categories: [{ category: "Technology", subcategories: ["AI", "Robotics"] }] } },
  );
  const { text } = render(createElement(CategorizationChips, { diff, leftLabel: "NAS", rightLabel: "Dashboard" }));

  it("marks added and removed chips with a sign and a word", () => {
    expect(text).toContain("Robotics+ added");
    expect(text).toContain("Programming− removed");
    expect(text).toContain("≠ differs");
  });

  it("says which side each mark refers to", () => {
    expect(text).toContain("only in Dashboard");
    expect(text).toContain("only in NAS");
  });

  it("says identical in words when nothing differs", () => {
    const same = diffCategorization({ subcategory: "AI" }, { subcategory: "AI" });
    expect(render(createElement(CategorizationChips, { diff: same, leftLabel: "A", rightLabel: "B" })).text).toContain(
      "= identical",
    );
  });

  it("shows unreadable JSON with its raw text", () => {
    const value = normalizeCategorization({ subcategories_json: "{oops" });
    const { text: side } = render(createElement(CategorizationSide, { value, label: "NAS" }));
    expect(side).toContain("is unreadable");
    expect(side).toContain("{oops");
  });
});

describe("WordDiffView", () => {
  it("renders del and ins with visible signs and spoken words", () => {
    const result = wordDiff("The quick fox", "The slow fox");
    const { html, text } = render(createElement(WordDiffView, { result, leftLabel: "NAS", rightLabel: "PostgreSQL" }));
    expect(html).toMatch(/<del[^>]*>.*quick.*<\/del>/);
    expect(html).toMatch(/<ins[^>]*>.*slow.*<\/ins>/);
    expect(text).toContain("−removed: quick");
    expect(text).toContain("+added: slow");
  });

  it("says why it fell back to a coarser comparison", () => {
    const result = wordDiff("a b c", "d e f", { maxEdits: 1 });
    const { text } = render(createElement(WordDiffView, { result, leftLabel: "L", rightLabel: "R" }));
    expect(text).toContain("whole text");
  });

  it("names differing line endings", () => {
    const { text } = render(
      createElement(WordDiffView, { result: wordDiff("a\r\nb", "a\nb"), leftLabel: "NAS", rightLabel: "PG" }),
    );
    expect(text).toContain("= identical");
    expect(text).toContain("CRLF in NAS");
  });
});

describe("JsonDiffView", () => {
  it("names each change in words with its path", () => {
    const entries = jsonDiff({ a: 1, gone: true, n: "1" }, { a: 1, n: 1, fresh: [1] });
    const { text } = render(
      createElement(JsonDiffView, { entries, caption: "analysis", leftLabel: "NAS", rightLabel: "PG" }),
    );
    expect(text).toContain("− removed");
    expect(text).toContain("+ added");
    expect(text).toContain("≠ changed");
    expect(text).toContain('"1"');
    expect(text).toContain("3 of 4 differ");
  });

  it("leaves same keys out when asked", () => {
    const entries = jsonDiff({ a: 1, b: 2 }, { a: 1, b: 3 });
    const { text } = render(
      createElement(JsonDiffView, { entries, caption: "x", leftLabel: "L", rightLabel: "R", hideSame: true }),
    );
    expect(text).not.toContain("= same");
  });
});

describe("HtmlPreview", () => {
  it("puts the escaped HTML in a sandboxed srcdoc frame, never as live markup", () => {
    const html = renderSummaryHtml('<script>alert("x")</script><img src=x onerror=alert(1)>');
    const { html: markup } = render(createElement(HtmlPreview, { html, title: "comprehensive" }));
    expect(markup).toContain('sandbox=""');
    expect(markup).toContain("srcDoc=");
    expect(markup).not.toContain("<script");
    expect(markup).not.toContain("<img");
    expect(markup).toContain("&amp;lt;script&amp;gt;");
    expect(markup).toContain("default-src &#x27;none&#x27;");
  });

  it("says when there is no HTML", () => {
    expect(render(createElement(HtmlPreview, { html: "", title: "t" })).text).toContain("— (no HTML)");
  });
});

describe("badges", () => {
  it("show icon and word for each case and status", () => {
    expect(render(createElement(CaseBadge, { value: "resurrection_candidate" })).text).toBe("↺Resurrection candidate");
    expect(render(createElement(CaseBadge, { value: "both_differ" })).text).toBe("≠Both differ");
    expect(render(createElement(StatusBadge, { value: "quarantined" })).text).toBe("⚠Quarantined");
    expect(render(createElement(StatusBadge, { value: "identical" })).text).toBe("✓Identical");
    expect(render(createElement(StatusBadge, { value: "planned" })).text).toBe("○Not copied yet");
  });
});

describe("FoldedValue", () => {
  it("tells empty text from NULL", () => {
    expect(render(createElement(FoldedValue, { value: "" })).text).toBe("(empty text)");
    expect(render(createElement(FoldedValue, { value: null })).text).toBe("— (none)");
  });
});
