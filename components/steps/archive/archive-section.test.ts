import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ArchiveManifest } from "@/lib/archive";
import type { ArchiveView } from "@/lib/steps/archive-view";
import { ArchiveSection } from "./archive-section";

const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

const action = async () => ({ ok: true as const, message: "" });
const actions = {
  dualWriteOff: action,
  openWindow: action,
  run: action,
  cancel: action,
  moveAside: action,
  simulateProcess: action,
};

const manifest = {
  label: "nas",
  archiveId: "2026-12-02T08-00-00Z",
  source: { kind: "local", path: "/srv/nas/ytv2.db" },
  original: { sizeBytes: 4_194_304, sha256: "a".repeat(64) },
  archive: { sizeBytes: 1_048_576, sha256: "b".repeat(64) },
  restoreTest: { ok: true, detail: "ok" },
} as unknown as ArchiveManifest;

const base: ArchiveView = {
  dualWrite: null,
  switchesOff: "On the NAS: DUAL_SYNC=false …",
  window: null,
  latestRun: null,
  archives: [],
  toMove: [],
  hostRemovals: [],
  phrase: "move the originals aside",
  demo: false,
};

const render = (view: ArchiveView, state: "ready" | "passed" | "approved") =>
  text(renderToStaticMarkup(createElement(ArchiveSection, { view, status: { state }, actions })));

describe("step 6's page", () => {
  it("asks for dual write off first, and offers no window before it", () => {
    const page = render(base, "ready");
    expect(page).toContain("I have set the switches: On the NAS: DUAL_SYNC=false");
    expect(page).toContain("No window is open yet.");
    expect(page).not.toContain("Open the write-guard window");
    expect(page).not.toContain("Archive both files");
  });

  it("after an archive run, lists the manifest and asks for the typed phrase to move the original", () => {
    const view: ArchiveView = {
      ...base,
      dualWrite: { enabled: false, since: "2026-12-02T07:50:00.000Z", by: "owner (panel)", target: "embedded" },
      window: { openedAt: "2026-12-02T07:55:00.000Z", by: "owner (panel)" },
      latestRun: { id: 7, status: "passed", finishedAt: "2026-12-02T08:00:05.000Z" },
      archives: [{ id: manifest.archiveId, dir: "/data/archive/x", status: "verified", manifest, moved: null }],
      toMove: ["/data/archive/x"],
    };
    const page = render(view, "passed");
    expect(page).toContain("Dual write off since");
    expect(page).toContain("Latest archive run: #7, passed");
    expect(page).toContain("was closed by archive run #7.");
    expect(page).not.toContain("Window open since");
    expect(render({ ...view, demo: true }, "passed")).not.toContain("Process a new video");
    expect(page).toContain("4.2 MB → 1.0 MB");
    expect(page).toContain("still at /srv/nas/ytv2.db");
    expect(page).toContain("Type move the originals aside to move the local originals into their archive folders");
  });

  it("with the demo pair, offers the NAS processing a video (PostgreSQL only) once the window is open, never with real files", () => {
    const open: ArchiveView = {
      ...base,
      dualWrite: { enabled: false, since: "2026-12-02T07:50:00.000Z", by: "owner (panel)", target: "embedded" },
      window: { openedAt: "2026-12-02T07:55:00.000Z", by: "owner (panel)" },
    };
    const demo = render({ ...open, demo: true }, "ready");
    expect(demo).toContain("Demo only: the NAS processes a video");
    expect(demo).toContain("Process a new video (PostgreSQL only)");
    expect(render({ ...open, demo: true, window: null }, "ready")).not.toContain("Process a new video");
    expect(render(open, "ready")).not.toContain("Process a new video");
    expect(render({ ...open, demo: true }, "approved")).not.toContain("Process a new video");
  });

  it("once approved offers no action and says where the original went", () => {
    const view: ArchiveView = {
      ...base,
      dualWrite: { enabled: false, since: "2026-12-02T07:50:00.000Z", by: "owner (panel)", target: "embedded" },
      window: { openedAt: "2026-12-02T07:55:00.000Z", by: "owner (panel)" },
      latestRun: { id: 7, status: "passed", finishedAt: "2026-12-02T08:00:05.000Z" },
      archives: [
        {
          id: manifest.archiveId,
          dir: "/data/archive/x",
          status: "verified",
          manifest,
          moved: { version: 1, label: "nas", movedAt: "2026-12-02T08:01:00.000Z", method: "rename", files: [] },
        },
      ],
    };
    const html = renderToStaticMarkup(createElement(ArchiveSection, { view, status: { state: "approved" }, actions }));
    expect(html).not.toContain("<button");
    expect(text(html)).toContain("moved into the archive folder at");
    expect(text(html)).toContain("Every local original of the latest archive is in its archive folder.");
  });
});
