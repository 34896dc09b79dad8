import { describe, expect, it } from "vitest";
import { createPrng } from "@/lib/demo/prng";
import { copyField, quarantineRawJson } from "./copy-text";

/** The one-pass regex escaper: the per-character replaceAll chain must give the same text. */
function referenceEscape(text: string): string {
  const escapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
  return text.replace(/[\\\t\n\r]/g, (c) => escapes[c]);
}

describe("copyField", () => {
  it("writes NULL as \\N and escapes backslash, tab, newline and carriage return", () => {
    expect(copyField(null)).toBe("\\N");
    expect(copyField("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    expect(copyField("\\n")).toBe("\\\\n");
    expect(copyField(true)).toBe("t");
    expect(copyField(12n)).toBe("12");
  });

  it("escapes as the one-pass regex escaper did, on generated texts", () => {
    const prng = createPrng(5);
    const pieces = ["a", " ", "\\", "\\\\", "\t", "\n", "\r", "\r\n", "\\n", "\\t", "N", "\u{1F600}", "é"];
    const texts = ["", "\\", "\\N", "plain", "\n", "\tx\t", "x\r"];
    for (let i = 0; i < 3000; i++) {
      texts.push(Array.from({ length: prng.int(0, 12) }, () => prng.pick(pieces)).join(""));
    }
    for (const text of texts) {
      expect(copyField(text), JSON.stringify(text)).toBe(referenceEscape(text));
      expect(copyField({ text }, "json"), JSON.stringify(text)).toBe(referenceEscape(JSON.stringify({ text })));
    }
  });
});

describe("quarantineRawJson", () => {
  it("escapes the row's JSON for COPY and leaves out rowid", () => {
    expect(quarantineRawJson({ rowid: 7, summary: "a\\nb" })).toBe(
      referenceEscape(JSON.stringify({ summary: "a\\nb" })),
    );
  });
});
