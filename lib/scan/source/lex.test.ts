import { describe, expect, it } from "vitest";
import { found, src } from "../testing/scan-text";
import { lexSource, toStatements } from "./lex";

describe("lexSource and toStatements", () => {
  it("keeps a # inside a Python string as code and splits a trailing comment off", () => {
    const [line] = lexSource("python", 'url = "https://x/#frag"  # the anchor\n');
    expect(line).toMatchObject({ code: 'url = "https://x/#frag"', comment: "the anchor" });
  });

  it("treats a module docstring as prose: its usage example is not a call", () => {
    const text = src('"""', "Usage:", "    python sync_sqlite_db.py", '"""', "import os");
    const lines = lexSource("python", text);
    expect(lines.slice(0, 4).every((line) => line.doc && line.code === "")).toBe(true);
    expect(found("tools/report.py", text)).toEqual([]);
  });

  it("joins a call over several lines (brackets, triple-quoted SQL) into one statement at its first line", () => {
    const text = src(
      "cur.execute(",
      '    """',
      "    INSERT INTO content SELECT * FROM nas.content",
      '    """,',
      "    params,",
      ")",
      "done()",
    );
    const statements = toStatements(lexSource("python", text));
    expect(statements.map((s) => [s.start, s.end])).toEqual([
      [1, 6],
      [7, 7],
    ]);
  });

  it("falls back to single lines when a bracket never closes", () => {
    const text = src("data = [", ...Array.from({ length: 50 }, (_, i) => `    ${i},`));
    expect(toStatements(lexSource("python", text)).length).toBe(51);
  });

  it("joins shell continuations and keeps heredoc bodies as code", () => {
    const text = src(
      "curl -X POST \\",
      "  https://x",
      "sqlite3 dash.db <<SQL",
      "# not a comment here",
      "SQL",
      "# a comment",
    );
    const lines = lexSource("shell", text);
    expect(lines[3]).toMatchObject({ code: "# not a comment here", comment: "" });
    expect(lines[5]).toMatchObject({ code: "", comment: "a comment" });
    expect(toStatements(lines).map((s) => [s.start, s.end])).toEqual([
      [1, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
  });

  it("does not join a JavaScript function body into one statement", () => {
    const text = src("async function f() {", '  await fetch("/a");', "  return 1;", "}");
    expect(toStatements(lexSource("script", text)).map((s) => s.start)).toEqual([1, 2, 3, 4]);
  });
});
