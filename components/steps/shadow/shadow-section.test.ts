import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ShadowView } from "@/lib/shadow/shadow-view";
import type { StoredFinding } from "@/lib/shadow/store";
import { ShadowSection } from "./shadow-section";

const action = async () => ({ ok: true as const, message: "done" });
const actions = { run: action, acknowledge: action };

const finding = (overrides: Partial<StoredFinding>): StoredFinding => ({
  kind: "field",
  fingerprint: "0".repeat(32),
  view: "card",
  videoId: "aaaaaaaaaaa",
  field: "title",
  sqlite: "Old title",
  postgres: "New title (2026 Update)",
  detail: "aaaaaaaaaaa title differs",
  acknowledged: null,
  ...overrides,
});

function view(overrides: Partial<ShadowView> = {}): ShadowView {
  return {
    locked: false,
    verdict: { ok: false, detail: "Shadow read #2: 1 of 3 finding(s) open (field 1).", openKinds: [], runId: 2 },
    state: {
      run: {
        id: 2,
        actor: "owner (cli)",
        startedAt: "2026-12-02T07:00:00.000Z",
        finishedAt: "2026-12-02T07:00:01.000Z",
        dashboard: "/srv/dashboard.db",
        target: "127.0.0.1:5432/ytv2",
        summary: { views: [], listed: { sqlite: 79, postgres: 83 }, searches: [], details: ["a", "b"] },
      },
      total: 3,
      open: 1,
      kinds: [
        {
          kind: "field",
          title: "a card field shows a different value",
          count: 2,
          open: 1,
          examples: [
            finding({}),
            finding({ fingerprint: "1".repeat(32), acknowledged: { actor: "owner", note: "NAS title wins", at: "x" } }),
          ],
        },
        {
          kind: "ordering",
          title: "same cards, different order",
          count: 1,
          open: 0,
          examples: [
            finding({
              kind: "ordering",
              fingerprint: "2".repeat(32),
              view: "list sort=added_desc",
              videoId: null,
              field: null,
              sqlite: ["a", "b"],
              postgres: ["b", "a"],
              acknowledged: { actor: "owner", note: "text-sorted timestamps", at: "x" },
            }),
          ],
        },
      ],
    },
    ...overrides,
  };
}

describe("ShadowSection", () => {
  it("shows each kind with its examples side by side, and offers an acknowledgement only where findings are open", () => {
    const html = renderToStaticMarkup(createElement(ShadowSection, { view: view(), actions }));
    expect(html).toContain("✕ Shadow read #2: 1 of 3 finding(s) open (field 1).");
    expect(html).toContain("79 cards listed by the SQLite era, 83 by the PostgreSQL era");
    expect(html).toContain("field: 2 findings, 1 open");
    expect(html).toContain("&quot;Old title&quot;");
    expect(html).toContain("&quot;New title (2026 Update)&quot;");
    expect(html).toContain("acknowledged by owner: NAS title wins");
    expect(html).toContain("Acknowledge field");
    expect(html).not.toContain("Acknowledge ordering");
    expect(html).toContain("[&quot;b&quot;,&quot;a&quot;]");
    expect(html).toContain("Run the shadow read");
  });

  it("offers nothing while step 4 is locked, and says why", () => {
    const html = renderToStaticMarkup(
      createElement(ShadowSection, { view: view({ locked: true, state: null }), actions }),
    );
    expect(html).toContain("Locked: the shadow read runs once step 3 &quot;Copy &amp; diff&quot; is approved.");
    expect(html).not.toContain("Run the shadow read");
    expect(html).not.toContain("No shadow read has run yet");
  });
});
