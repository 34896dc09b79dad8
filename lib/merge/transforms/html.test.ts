import { describe, expect, it } from "vitest";
import { createPrng } from "@/lib/demo/prng";
import { escapeHtml, renderSummaryHtml } from "./html";

/** The paragraph-first renderer that escaped line by line: the one-pass renderer must match it. */
function referenceRender(text: string | null | undefined): string {
  const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  const escape = (line: string) => line.replace(/[&<>"']/g, (c) => escapes[c]);
  const empty = "<p>No summary available.</p>";
  if (!text) return empty;
  const blocks: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/)) {
    const lines = paragraph.split("\n").filter((line) => line.trim() !== "");
    let run: string[] = [];
    let list: string[] = [];
    const flushRun = () => {
      if (run.length) blocks.push(`<p>${run.map((line) => escape(line.trim())).join("<br>")}</p>`);
      run = [];
    };
    const flushList = () => {
      if (list.length)
        blocks.push(`<ul class="kp-list">${list.map((item) => `<li>${escape(item.trim())}</li>`).join("")}</ul>`);
      list = [];
    };
    for (const line of lines) {
      const takeaway = /^(bottom line|takeaway):\s*(.*)$/i.exec(line.trim());
      const heading = /^[A-Za-z][\w \-/]{1,60}:$/.test(line.trim());
      if (takeaway || heading) {
        flushRun();
        flushList();
        blocks.push(
          takeaway
            ? `<p class="kp-takeaway"><strong>${takeaway[1]}:</strong>${takeaway[2]!.trim() ? ` ${escape(takeaway[2]!.trim())}` : ""}</p>`
            : `<h3 class="kp-heading">${escape(line.trim().slice(0, -1).trim())}</h3>`,
        );
        continue;
      }
      const bullet = /^\s*(?:[-•*])\s+(.*)$/.exec(line);
      if (bullet) {
        flushRun();
        list.push(bullet[1]);
      } else {
        flushList();
        run.push(line);
      }
    }
    flushRun();
    flushList();
  }
  return blocks.length ? blocks.join("\n") : empty;
}

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

  it("turns consecutive '- ', '• ' and '* ' lines into one list the old reader styles", () => {
    expect(renderSummaryHtml("- one\n• two\n* three")).toBe(
      '<ul class="kp-list"><li>one</li><li>two</li><li>three</li></ul>',
    );
  });

  it("makes a short line ending in a colon a kp-heading, before the list that follows it", () => {
    expect(renderSummaryHtml("Key points:\n- a\n- b\nAfterwards.")).toBe(
      '<h3 class="kp-heading">Key points</h3>\n<ul class="kp-list"><li>a</li><li>b</li></ul>\n<p>Afterwards.</p>',
    );
    // a sentence that happens to end in a colon is not a heading
    expect(renderSummaryHtml("The main takeaways, in the order the video gives them:")).toBe(
      "<p>The main takeaways, in the order the video gives them:</p>",
    );
  });

  it("makes a 'Bottom line:' or 'Takeaway:' line a kp-takeaway with its label in bold, escaped", () => {
    expect(renderSummaryHtml("Intro.\nBottom line: buy <less>.\ntakeaway:")).toBe(
      '<p>Intro.</p>\n<p class="kp-takeaway"><strong>Bottom line:</strong> buy &lt;less&gt;.</p>\n<p class="kp-takeaway"><strong>takeaway:</strong></p>',
    );
  });

  it("does not take a hyphen without a space, or *emphasis*, as a bullet", () => {
    expect(renderSummaryHtml("-5 degrees\n*really*")).toBe("<p>-5 degrees<br>*really*</p>");
  });

  it("escapes markup instead of passing it through", () => {
    const html = renderSummaryHtml("<script>alert(\"x\")</script> & 'quotes'\n- <b>bold</b>");
    expect(html).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>\n<ul class="kp-list"><li>&lt;b&gt;bold&lt;/b&gt;</li></ul>',
    );
    expect(html).not.toContain("<script");
  });

  it("renders empty text as the old formatter's 'No summary available.'", () => {
    for (const empty of ["", null, "\n\n  \n"]) {
      expect(renderSummaryHtml(empty)).toBe("<p>No summary available.</p>");
    }
  });

  it("renders what the paragraph-first, line-by-line escaping renderer rendered, on generated texts", () => {
    const prng = createPrng(11);
    // every character class the rules look at: line ends, spaces and tabs, other whitespace,
    // bullet marks, characters to escape, a line separator `.` does not cross, a surrogate pair
    const pieces = [
      "a",
      "word",
      " ",
      "\t",
      "\n",
      "\r",
      "\r\n",
      "\u00a0",
      "\u2028",
      "\f",
      "-",
      "•",
      "*",
      "- ",
      "&",
      "<",
      '"',
      "'",
      "\u{1F600}",
      "Key points:",
      ":",
      "Bottom line: ",
      "TAKEAWAY:",
    ];
    const texts = [
      "",
      "- a",
      "\n- a\n\n",
      " \t\n \n",
      "a\n\u00a0\nb",
      "a\n \t \nb",
      "a\n\n\n\nb",
      "-\u2028 x",
      "* & <",
    ];
    for (let i = 0; i < 5000; i++) {
      texts.push(Array.from({ length: prng.int(0, 16) }, () => prng.pick(pieces)).join(""));
    }
    for (const text of texts) expect(renderSummaryHtml(text), JSON.stringify(text)).toBe(referenceRender(text));
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});
