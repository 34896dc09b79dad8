import { describe, expect, it } from "vitest";
import { myersDiff } from "./myers";
import { detectLineEnding, joinSide, tokenizeLines, tokenizeWords, wordDiff } from "./word-diff";

function expectRejoins(left: string, right: string, result = wordDiff(left, right)) {
  expect(joinSide(result.segments, "left")).toBe(left.replace(/\r\n?/g, "\n"));
  expect(joinSide(result.segments, "right")).toBe(right.replace(/\r\n?/g, "\n"));
}

describe("tokenizeWords", () => {
  it("keeps words, whitespace runs and punctuation as separate tokens", () => {
    expect(tokenizeWords("Hello,  world!\n")).toEqual(["Hello", ",", "  ", "world", "!", "\n"]);
  });
  it("treats letters of any script and accents as word characters", () => {
    expect(tokenizeWords("café naïve 東京")).toEqual(["café", " ", "naïve", " ", "東京"]);
  });
  it("re-joins to the exact text, emoji included", () => {
    const text = "a 😀 b\t\r\nc—d";
    expect(tokenizeWords(text).join("")).toBe(text);
  });
  it("gives no tokens for the empty text", () => {
    expect(tokenizeWords("")).toEqual([]);
  });
});

describe("tokenizeLines", () => {
  it("keeps the line terminators and a last line without one", () => {
    expect(tokenizeLines("a\nb\n\nc")).toEqual(["a\n", "b\n", "\n", "c"]);
  });
});

describe("detectLineEnding", () => {
  it("names LF, CRLF, CR, mixed and none", () => {
    expect(detectLineEnding("a\nb")).toBe("lf");
    expect(detectLineEnding("a\r\nb")).toBe("crlf");
    expect(detectLineEnding("a\rb")).toBe("cr");
    expect(detectLineEnding("a\r\nb\nc")).toBe("mixed");
    expect(detectLineEnding("ab")).toBe("none");
  });
});

describe("wordDiff", () => {
  it("reports identical texts as one same segment", () => {
    const result = wordDiff("same text", "same text");
    expect(result.identical).toBe(true);
    expect(result.segments).toEqual([{ kind: "same", text: "same text" }]);
  });

  it("marks a changed word as removed then added, keeping the rest same", () => {
    const result = wordDiff("The quick fox", "The slow fox");
    expect(result.segments).toEqual([
      { kind: "same", text: "The " },
      { kind: "removed", text: "quick" },
      { kind: "added", text: "slow" },
      { kind: "same", text: " fox" },
    ]);
    expect(result.mode).toBe("word");
  });

  it("marks an inserted word as added only", () => {
    const result = wordDiff("a c", "a b c");
    expect(result.segments.filter((s) => s.kind !== "same")).toEqual([{ kind: "added", text: "b " }]);
    expectRejoins("a c", "a b c", result);
  });

  it("marks a deleted sentence as removed only", () => {
    const left = "One. Two. Three.";
    const right = "One. Three.";
    const result = wordDiff(left, right);
    expect(result.segments.some((s) => s.kind === "added")).toBe(false);
    expectRejoins(left, right, result);
  });

  it("treats a punctuation change as its own token", () => {
    const result = wordDiff("Hello, world", "Hello; world");
    expect(result.segments).toContainEqual({ kind: "removed", text: "," });
    expect(result.segments).toContainEqual({ kind: "added", text: ";" });
  });

  it("joins a lone space between two changes into one rewritten phrase", () => {
    const result = wordDiff("x red car y", "x blue bus y");
    expect(result.segments).toEqual([
      { kind: "same", text: "x " },
      { kind: "removed", text: "red car" },
      { kind: "added", text: "blue bus" },
      { kind: "same", text: " y" },
    ]);
  });

  it("shows a NULL or empty left side as all added", () => {
    expect(wordDiff(null, "new text").segments).toEqual([{ kind: "added", text: "new text" }]);
    expect(wordDiff("", "new text").identical).toBe(false);
  });

  it("shows a NULL right side as all removed", () => {
    expect(wordDiff("old text", undefined).segments).toEqual([{ kind: "removed", text: "old text" }]);
  });

  it("gives no segments when both sides are empty or NULL", () => {
    const result = wordDiff(null, "");
    expect(result.identical).toBe(true);
    expect(result.segments).toEqual([]);
  });

  it("sees CRLF and LF as the same text by default and reports the line endings", () => {
    const result = wordDiff("a\r\nb", "a\nb");
    expect(result.identical).toBe(true);
    expect(result.lineEndings).toEqual({ left: "crlf", right: "lf" });
  });

  it("shows the line-ending change when asked to compare exactly", () => {
    const result = wordDiff("a\r\nb", "a\nb", { normalizeLineEndings: false });
    expect(result.identical).toBe(false);
    expect(joinSide(result.segments, "left")).toBe("a\r\nb");
    expect(joinSide(result.segments, "right")).toBe("a\nb");
  });

  it("re-joins to each side for many random edits", () => {
    const words = ["alpha", "beta", "gamma", " ", "\n", ".", ",", "delta"];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * words.length;
    for (let round = 0; round < 200; round++) {
      const make = (n: number) => Array.from({ length: n }, () => words[Math.floor(random())]).join("");
      const left = make(Math.floor(random() * 4));
      const right = make(Math.floor(random() * 4));
      expectRejoins(left, right);
    }
  });

  it("diffs two 4 KB summaries with small edits quickly, word by word", () => {
    const base = Array.from({ length: 700 }, (_, i) => `word${i % 97}`).join(" ");
    const edited = base.replace("word5 ", "changed ").replace(/word90 word91/, "x y z");
    const started = performance.now();
    const result = wordDiff(base, edited);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result.mode).toBe("word");
    expectRejoins(base, edited, result);
  });

  it("falls back to lines, and says so, when the edit distance is beyond the limit", () => {
    const left = Array.from({ length: 60 }, (_, i) => `line ${i} alpha beta`).join("\n");
    const right = Array.from({ length: 60 }, (_, i) => (i % 12 ? `line ${i} alpha beta` : `row ${i} gamma`)).join("\n");
    const result = wordDiff(left, right, { maxEdits: 20 });
    expect(result.mode).toBe("line");
    expect(result.note).toMatch(/line by line/);
    expectRejoins(left, right, result);
  });

  it("replaces the whole text, and says so, when even lines are too many", () => {
    const left = "a b c d e f";
    const right = "g h i j k l";
    const result = wordDiff(left, right, { maxEdits: 1 });
    expect(result.mode).toBe("whole");
    expect(result.note).toMatch(/whole text/);
    expect(result.segments).toEqual([
      { kind: "removed", text: left },
      { kind: "added", text: right },
    ]);
  });

  it("calls a line diff without a common line a whole replacement", () => {
    const result = wordDiff("a b c\nd e f", "g h i\nj k l", { maxEdits: 6 });
    expect(result.mode).toBe("whole");
  });

  it("stays fast on two unrelated 4 KB texts", () => {
    const left = Array.from({ length: 800 }, (_, i) => `a${i}`).join(" ");
    const right = Array.from({ length: 800 }, (_, i) => `b${i}`).join(" ");
    const started = performance.now();
    const result = wordDiff(left, right);
    expect(performance.now() - started).toBeLessThan(500);
    expectRejoins(left, right, result);
  });

  it("refuses by token count before any work on huge texts", () => {
    const left = "x ".repeat(50);
    const right = "y ".repeat(50);
    expect(wordDiff(left, right, { maxTokens: 10 }).mode).not.toBe("word");
  });
});

describe("myersDiff", () => {
  it("finds the shortest script", () => {
    const ops = myersDiff(Int32Array.from([1, 2, 3, 4]), Int32Array.from([1, 3, 4, 5]), 10)!;
    expect(ops).toEqual([
      { kind: "same", aFrom: 0, aTo: 1 },
      { kind: "removed", aFrom: 1, aTo: 2 },
      { kind: "same", aFrom: 2, aTo: 4 },
      { kind: "added", bFrom: 3, bTo: 4 },
    ]);
  });
  it("returns null beyond the edit limit", () => {
    expect(myersDiff(Int32Array.from([1, 2]), Int32Array.from([3, 4]), 3)).toBeNull();
  });
  it("handles empty inputs", () => {
    expect(myersDiff(new Int32Array(0), new Int32Array(0), 0)).toEqual([]);
    expect(myersDiff(new Int32Array(0), Int32Array.from([1]), 5)).toEqual([{ kind: "added", bFrom: 0, bTo: 1 }]);
  });
});
