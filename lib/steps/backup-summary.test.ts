import { describe, expect, it } from "vitest";
import type { BackupManifest, SourceManifest } from "../backup";
import { categorizationNeedsReason, formatBytes, summarizeBackup } from "./backup-summary";

function source(role: "nas" | "dashboard", overrides: Partial<SourceManifest> = {}): SourceManifest {
  return {
    role,
    sourcePath: `/srv/${role}.db`,
    snapshotFile: `${role}.db`,
    sha256: "a".repeat(64),
    sizeBytes: 2048,
    integrity: "ok",
    tables: [{ name: "content", columns: ["id", "title"], rowCount: 3, fingerprint: "f" }],
    fingerprint: "f",
    categorized: 67,
    restoreTest: { ok: true, sha256: "a", integrity: "ok", fingerprint: "f", detail: "restored copy matches" },
    stableAfterSnapshot: { ok: true, detail: "unchanged" },
    ...overrides,
  };
}

function manifest(sources: SourceManifest[], expected = 67): BackupManifest {
  return {
    version: 1,
    backupId: "2026-11-25T00-31-02Z",
    backupDir: "/data/backups/2026-11-25T00-31-02Z",
    createdAt: "2026-11-25T00:31:02.000Z",
    status: "verified",
    sources,
    categorizedUnion: 70,
    expectedCategorized: expected,
  };
}

describe("summarizeBackup", () => {
  it("orders NAS before Dashboard and compares only the Dashboard with the expected count", () => {
    const [nas, dashboard] = summarizeBackup(manifest([source("dashboard"), source("nas", { categorized: 5 })]));
    expect(nas).toMatchObject({ label: "NAS", verified: true, size: "2.0 KB", totalRows: 3 });
    expect(nas!.categorization).toEqual({
      ok: true,
      compared: false,
      text: "5 categorization records; 70 distinct videos categorized in either source",
    });
    expect(dashboard!.categorization).toMatchObject({ ok: true, compared: true });
    expect(dashboard!.snapshotPath).toBe("/data/backups/2026-11-25T00-31-02Z/dashboard.db");
    expect(dashboard!.tables).toEqual([{ name: "content", columns: 2, rows: 3 }]);
  });

  it("says by how much the Dashboard's count misses, and that approving then needs a reason", () => {
    const backup = manifest([source("nas"), source("dashboard", { categorized: 66 })]);
    expect(summarizeBackup(backup)[1]!.categorization).toMatchObject({
      ok: false,
      waivable: true,
      text: "66 categorization records, expected 67 (1 fewer)",
    });
    expect(categorizationNeedsReason(backup)).toBe(true);
    expect(categorizationNeedsReason(manifest([source("nas"), source("dashboard")]))).toBe(false);
  });

  it("marks a source not verified when its restore test or stability failed, with the reason", () => {
    const [nas] = summarizeBackup(
      manifest([source("nas", { stableAfterSnapshot: { ok: false, detail: "NAS changed: content 2 rows" } })]),
    );
    expect(nas).toMatchObject({ verified: false, stability: { ok: false, text: "NAS changed: content 2 rows" } });
  });

  it("formats sizes from bytes to gigabytes", () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(5 << 20), formatBytes(3 * 2 ** 30)]).toEqual([
      "512 bytes",
      "1.5 KB",
      "5.0 MB",
      "3.00 GB",
    ]);
  });
});
