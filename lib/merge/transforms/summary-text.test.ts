import { describe, expect, it } from "vitest";
import { createPrng } from "@/lib/demo/prng";
import { extractSummaryText, unescapeLiteralNewlines } from "./summary-text";

describe("extractSummaryText", () => {
  it("takes plain text as it is, trimmed", () => {
    expect(extractSummaryText("  A plain summary.\nSecond line. ")).toEqual({
      text: "A plain summary.\nSecond line.",
      sourceKey: null,
      format: "plain",
      variants: [],
      issues: [],
    });
  });

  it("turns literal \\n escapes into newlines, \\r\\n and \\t too", () => {
    expect(extractSummaryText(String.raw`Line one\nLine two\r\nLine three\tend`).text).toBe(
      "Line one\nLine two\nLine three\tend",
    );
  });

  it("takes comprehensive from a JSON object as a string, and keeps the dict", () => {
    const input = JSON.stringify({ comprehensive: "Full text.", bullet_points: "- a\n- b", model: "x" });
    const result = extractSummaryText(input);
    expect(result).toMatchObject({ text: "Full text.", sourceKey: "comprehensive", format: "json", issues: [] });
    expect(result.parsed).toEqual(JSON.parse(input));
  });

  it("takes the text from a Python-literal dict as a string", () => {
    const result = extractSummaryText("{'comprehensive': 'It\\'s here.\\nNext line.', 'language': 'en'}");
    expect(result).toMatchObject({ text: "It's here.\nNext line.", format: "python", parsed: { language: "en" } });
  });

  it("follows DESIGN.md's key order", () => {
    expect(extractSummaryText({ text: "t", summary: "s", key_points: "k" }).text).toBe("k");
    expect(extractSummaryText({ text: "t", summary: "s" }).text).toBe("s");
    expect(extractSummaryText({ text: "t" }).sourceKey).toBe("text");
  });

  it("skips empty values and takes the next key", () => {
    expect(extractSummaryText(JSON.stringify({ comprehensive: "  ", bullet_points: "", summary: "Used." })).text).toBe(
      "Used.",
    );
  });

  it("lists every variant found in a dict", () => {
    const result = extractSummaryText({ comprehensive: "Long.", bullet_points: ["one", "two"], "Key Points": "kp" });
    expect(result.variants).toEqual([
      { key: "comprehensive", variant: "comprehensive", text: "Long." },
      { key: "bullet_points", variant: "bullet-points", text: "- one\n- two" },
      { key: "Key Points", variant: "key-points", text: "kp" },
    ]);
  });

  it("joins a list of bullets as '- ' lines, keeping existing markers", () => {
    expect(extractSummaryText({ bullet_points: ["first", "• second", "- third", "", 3] }).text).toBe(
      "- first\n• second\n- third",
    );
  });

  it("reads a nested dict the same way", () => {
    expect(extractSummaryText(JSON.stringify({ summary: { text: "Nested text." } })).text).toBe("Nested text.");
  });

  it("applies literal-escape conversion to dict values too", () => {
    expect(extractSummaryText(JSON.stringify({ comprehensive: "a\\nb" })).text).toBe("a\nb");
  });

  it("reads a JSON string literal", () => {
    expect(extractSummaryText('"Quoted\\nsummary"')).toMatchObject({
      text: "Quoted\nsummary",
      format: "json",
      issues: [],
    });
  });

  it("reads a dict that was JSON-encoded twice", () => {
    const input = JSON.stringify(JSON.stringify({ comprehensive: "Twice." }));
    expect(extractSummaryText(input)).toMatchObject({ text: "Twice.", format: "json", sourceKey: "comprehensive" });
  });

  it("reads a list of strings as bullets, in JSON or Python form", () => {
    expect(extractSummaryText('["one", "two"]')).toMatchObject({ text: "- one\n- two", format: "json", issues: [] });
    expect(extractSummaryText("['one', '- two']")).toMatchObject({ text: "- one\n- two", format: "python" });
  });

  it("keeps text that starts with a bracket but is no list as plain text", () => {
    expect(extractSummaryText("[Music] The intro.")).toMatchObject({
      text: "[Music] The intro.",
      format: "plain",
      issues: [],
    });
    expect(extractSummaryText("[1, 2]")).toMatchObject({ text: "[1, 2]", format: "plain" });
  });

  it("reports a dict with no text key, with text NULL but the dict kept", () => {
    const result = extractSummaryText("{'model': 'gpt', 'tokens': 12}", "summary_text");
    expect(result.text).toBeNull();
    expect(result.parsed).toEqual({ model: "gpt", tokens: 12 });
    expect(result.issues).toMatchObject([{ reason: "invalid_value", field: "summary_text" }]);
  });

  it("keeps a broken dict whole as plain text and reports invalid_json", () => {
    const input = "{'comprehensive': 'unterminated}";
    const result = extractSummaryText(input);
    expect(result).toMatchObject({ text: input, format: "plain" });
    expect(result.issues).toMatchObject([{ reason: "invalid_json", original: input }]);
  });

  it("keeps text that merely starts with a brace without an issue", () => {
    expect(extractSummaryText("{Note} this video is about braces.")).toMatchObject({
      text: "{Note} this video is about braces.",
      issues: [],
    });
  });

  it("removes NUL characters and reports the original value", () => {
    const result = extractSummaryText("Sum\u0000mary", "summary");
    expect(result.text).toBe("Summary");
    expect(result.issues).toMatchObject([{ reason: "invalid_value", original: "Sum\u0000mary" }]);
    const fromDict = extractSummaryText(JSON.stringify({ comprehensive: "x\u0000y" }));
    expect(fromDict.text).toBe("xy");
    expect(fromDict.issues[0].reason).toBe("invalid_value");
  });

  it("returns NULL without an issue for empty values", () => {
    for (const input of [null, undefined, "", "   "]) {
      expect(extractSummaryText(input)).toMatchObject({ text: null, format: "empty", issues: [] });
    }
  });

  it("reports a value that is not text", () => {
    expect(extractSummaryText(42).issues[0].reason).toBe("invalid_value");
  });
});

describe("unescapeLiteralNewlines", () => {
  it("leaves real newlines and other backslashes alone", () => {
    expect(unescapeLiteralNewlines("a\nb\\x")).toBe("a\nb\\x");
  });

  it("gives what the single regex pass gives, with or without a backslash anywhere", () => {
    const reference = (text: string) => text.replace(/\\r\\n|\\[nrt]/g, (escape) => (escape === "\\t" ? "\t" : "\n"));
    const prng = createPrng(3);
    const pieces = ["a", " ", "\\", "n", "r", "t", "\\n", "\\r\\n", "\\t", "\r\n", "\n", "\u{1F600}", "é"];
    const texts = ["", "\\", "\\n", "\\nstart", "end\\n", "\\\\n", "\\r\\r\\n", "plain text, no escapes"];
    for (let i = 0; i < 3000; i++) {
      texts.push(Array.from({ length: prng.int(0, 12) }, () => prng.pick(pieces)).join(""));
    }
    for (const text of texts) expect(unescapeLiteralNewlines(text), JSON.stringify(text)).toBe(reference(text));
  });
});
