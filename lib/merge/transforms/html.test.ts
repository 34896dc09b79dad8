import { describe, expect, it } from "vitest";
import { escapeHtml, renderSummaryHtml } from "./html";

describe("renderSummaryHtml", () => {
  it("wraps blank-line separated paragraphs in <p>", () => {
    expect(renderSummaryHtml("First paragraph.\n\nSecond paragraph.")).toBe(
      "<p>First paragraph.</p>\n<p>Second paragraph.</p>",
    );
  });

  it("turns a single newline inside a paragraph into <br>", () => {
    expect(renderSummaryHtml("line one\nline two")).toBe("<p>line one<br>line two</p>");
  });

  it("treats whitespace-only lines and CRLF as paragraph breaks", () => {
    expect(renderSummaryHtml("a\r\n  \r\nb\rc")).toBe("<p>a</p>\n<p>b<br>c</p>");
  });

  it("turns consecutive '- ', '• ' and '* ' lines into one list", () => {
    expect(renderSummaryHtml("- one\n• two\n* three")).toBe("<ul><li>one</li><li>two</li><li>three</li></ul>");
  });

  it("separates a heading line from the list that follows it", () => {
    expect(renderSummaryHtml("Key points:\n- a\n- b\nAfterwards.")).toBe(
      "<p>Key points:</p>\n<ul><li>a</li><li>b</li></ul>\n<p>Afterwards.</p>",
    );
  });

  it("does not take a hyphen without a space, or *emphasis*, as a bullet", () => {
    expect(renderSummaryHtml("-5 degrees\n*really*")).toBe("<p>-5 degrees<br>*really*</p>");
  });

  it("escapes markup instead of passing it through", () => {
    const html = renderSummaryHtml("<script>alert(\"x\")</script> & 'quotes'\n- <b>bold</b>");
    expect(html).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>\n<ul><li>&lt;b&gt;bold&lt;/b&gt;</li></ul>",
    );
    expect(html).not.toContain("<script");
  });

  it("renders empty text as an empty string", () => {
    expect(renderSummaryHtml("")).toBe("");
    expect(renderSummaryHtml(null)).toBe("");
    expect(renderSummaryHtml("\n\n  \n")).toBe("");
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});
