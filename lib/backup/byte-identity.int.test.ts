import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { backedUpPair } from "@/test/support/backed-up-pair";
import { sha256File } from "@/test/support/legacy-fixtures";
import { settled } from "@/test/support/settled";
import type { Progress } from "@/lib/workflow/types";
import { checkFreeze } from "./freeze";

describe("a freeze check proves a source by its bytes once its rows were proved", () => {
  const temps: Array<{ cleanup(): void }> = [];
  afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

  async function backedUp() {
    const pair = await backedUpPair(40);
    temps.push(pair);
    await settled();
    return pair;
  }

  function phasesOf(progress: Progress[], role: "nas" | "dashboard") {
    return new Set(progress.filter((p) => p.phase === `freeze check ${role}`).map((p) => p.unit));
  }

  it("reads only the bytes of a source whose bytes were proved, and says the same as the row check", async () => {
    const { sources, manifest } = await backedUp();
    const first = await checkFreeze({ sources, manifest, provenBytes: {} });
    expect(first.ok).toBe(true);
    const dashboard = first.sources.find((s) => s.role === "dashboard")!;
    expect(dashboard.provenBytes).toBe(sha256File(sources.dashboard));

    const progress: Progress[] = [];
    const second = await checkFreeze({
      sources,
      manifest,
      provenBytes: { dashboard: dashboard.provenBytes },
      onProgress: (p) => progress.push(p),
    });
    expect(phasesOf(progress, "dashboard")).toEqual(new Set(["bytes"]));
    expect(second).toMatchObject({ ok: true, detail: "sources unchanged since the backup" });
    const proved = second.sources.find((s) => s.role === "dashboard")!;
    expect(proved).toMatchObject({ ok: true, changes: [], detail: "Dashboard unchanged since the backup" });
    expect(proved.fingerprint).toBe(manifest.sources.find((s) => s.role === "dashboard")!.fingerprint);
  });

  it("reads the rows of a source changed since its bytes were proved, and names the change", async () => {
    const { sources, manifest } = await backedUp();
    const first = await checkFreeze({ sources, manifest, provenBytes: {} });
    const provenBytes = { dashboard: first.sources.find((s) => s.role === "dashboard")!.provenBytes };
    const db = new Database(sources.dashboard);
    db.exec("UPDATE content SET title = 'retitled' WHERE id = 'yt:vid00000001'");
    db.close();

    const progress: Progress[] = [];
    const result = await checkFreeze({ sources, manifest, provenBytes, onProgress: (p) => progress.push(p) });
    expect(phasesOf(progress, "dashboard")).toEqual(new Set(["bytes", "rows"]));
    expect(result.ok).toBe(false);
    expect(result.detail).toBe("Dashboard changed since the backup: content 1 row changed");
    expect(result.sources.find((s) => s.role === "dashboard")!.provenBytes).toBeUndefined();
  });

  it("proves no bytes of a source written moments ago, even when its rows are the backup's", async () => {
    const { sources, manifest } = await backedUp();
    const db = new Database(sources.dashboard);
    db.exec("UPDATE content SET title = title || '!' WHERE id = 'yt:vid00000001'");
    db.exec("UPDATE content SET title = substr(title, 1, length(title) - 1) WHERE id = 'yt:vid00000001'");
    db.close();
    const result = await checkFreeze({ sources, manifest, provenBytes: {} });
    expect(result.ok).toBe(true);
    expect(result.sources.find((s) => s.role === "dashboard")!.provenBytes).toBeUndefined();
  });

  it("always reads the rows of a write-ahead-log source read through a fresh copy", async () => {
    const { sources, manifest } = await backedUp();
    const progress: Progress[] = [];
    const result = await checkFreeze({ sources, manifest, provenBytes: {}, onProgress: (p) => progress.push(p) });
    expect(result.sources.find((s) => s.role === "nas")).toMatchObject({ ok: true });
    expect(result.sources.find((s) => s.role === "nas")!.provenBytes).toBeUndefined();
    expect(phasesOf(progress, "nas").has("rows")).toBe(true);
  });

  it("reads rows only when no proven bytes are asked for (the backup's own stability check)", async () => {
    const { sources, manifest } = await backedUp();
    const progress: Progress[] = [];
    const result = await checkFreeze({ sources, manifest, onProgress: (p) => progress.push(p) });
    expect(result.ok).toBe(true);
    expect(result.sources.every((s) => s.provenBytes === undefined)).toBe(true);
    expect(phasesOf(progress, "dashboard")).toEqual(new Set(["rows"]));
  });
});
