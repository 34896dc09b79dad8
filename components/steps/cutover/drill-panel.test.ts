import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { StoredDrillRun } from "@/lib/drill/drill-run";
import { DrillPanel } from "./drill-panel";

const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();

const check = (name: string, ok: boolean, ms: number, detail = "ok") => ({ name, ok, detail, ms });

function storedRun(overrides: Partial<StoredDrillRun["result"]> = {}): StoredDrillRun {
  const result: StoredDrillRun["result"] = {
    ok: true,
    target: "127.0.0.1:5432/ytv2",
    scratchSchema: "cutover_drill_0123456789ab",
    leftoversDropped: [],
    leftOut: ["content_title_trgm_idx (needs the pg_trgm extension)"],
    checks: [
      check("Delete by yt:<id>", true, 12.4),
      check("Race: B deleted during A's writes, A commits", true, 1530),
      check("Scratch schema dropped afterwards", true, 4),
    ],
    nonCascade: [],
    startedAt: "2026-12-02T07:10:00.123Z",
    finishedAt: "2026-12-02T07:10:02.000Z",
    totalMs: 1877.2,
    ...overrides,
  };
  return { id: 3, actor: "owner (cli)", ok: result.ok, evidenceHash: "ab".repeat(32), result };
}

describe("the delete drill's panel", () => {
  it("before any drill: says none ran and how to run one", () => {
    expect(text(renderToStaticMarkup(createElement(DrillPanel, { run: null })))).toBe(
      "No delete drill has run yet. It runs in a scratch schema of the target and never touches your rows: npx cutover drill",
    );
  });

  it("a passed drill: its run, each check with its time, no table without a cascade", () => {
    const shown = text(renderToStaticMarkup(createElement(DrillPanel, { run: storedRun() })));
    expect(shown).toContain(
      "Drill passed — run #3 at 2026-12-02 07:10:00 UTC by owner (cli) on 127.0.0.1:5432/ytv2, in scratch schema cutover_drill_0123456789ab (dropped afterwards), 1.9 s in all.",
    );
    expect(shown).toContain("Delete by yt:<id> ✓ pass 12 ms ok");
    expect(shown).toContain("Race: B deleted during A's writes, A commits ✓ pass 1.5 s ok");
    expect(shown).toContain("No table in the target references content without ON DELETE CASCADE.");
    expect(shown).toContain("Left out of the scratch schema: content_title_trgm_idx (needs the pg_trgm extension).");
    expect(shown).toContain(`evidence sha256 ${"ab".repeat(32)}`);
    expect(shown).not.toContain("interrupted");
  });

  it("a failed drill: the count, the tables without a cascade, and the leftover it dropped", () => {
    const run = storedRun({
      ok: false,
      leftoversDropped: ["cutover_drill_ffffffffffff"],
      checks: [
        check(
          "Every table that references content deletes with it (ON DELETE CASCADE)",
          false,
          3,
          "1 table references",
        ),
      ],
      nonCascade: [
        { table: "playlist_item", constraint: "playlist_item_video_id_fkey", onDelete: "NO ACTION", definition: "" },
      ],
    });
    const shown = text(renderToStaticMarkup(createElement(DrillPanel, { run })));
    expect(shown).toMatch(/^Drill failed 1 of 1 checks — run #3/);
    // its checks do not include the drop's, so the panel does not claim it
    expect(shown).toContain("in scratch schema cutover_drill_0123456789ab (still in the target)");
    expect(shown).toContain(
      "Before it began, it dropped 1 scratch schema an earlier, interrupted drill left: cutover_drill_ffffffffffff",
    );
    expect(shown).toContain("✕ fail 3 ms 1 table references");
    expect(shown).toContain("1 table references content without ON DELETE CASCADE");
    expect(shown).toContain("playlist_item playlist_item_video_id_fkey NO ACTION");
  });
});
