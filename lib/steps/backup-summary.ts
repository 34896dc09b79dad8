import type { BackupManifest, SourceManifest } from "../backup";
import { countOf } from "@/lib/common/plural";

/**
 * A source's backup evidence in the owner's words. The panel's cards and `cutover backup`
 * both render from this, so they never disagree about what passed.
 */
/** `waivable`: a failure the owner may accept with a recorded reason (shown as "needs a reason", not as broken). */
export type Finding = { ok: boolean; text: string; waivable?: boolean };

export type SourceSummary = {
  role: "nas" | "dashboard";
  label: string;
  verified: boolean;
  sourcePath: string;
  snapshotPath: string;
  size: string;
  sha256: string;
  integrity: Finding;
  restoreTest: Finding;
  stability: Finding;
  /** the Dashboard is compared with EXPECTED_CATEGORIZED; the NAS's count is only shown */
  categorization: Finding & { compared: boolean };
  tables: Array<{ name: string; columns: number; rows: number }>;
  totalRows: number;
};

const LABEL = { nas: "NAS", dashboard: "Dashboard" } as const;

export function summarizeSource(manifest: BackupManifest, source: SourceManifest): SourceSummary {
  const integrity: Finding = {
    ok: source.integrity === "ok",
    text: source.integrity === "ok" ? "intact (integrity_check: ok)" : `damaged: ${source.integrity}`,
  };
  const restoreTest: Finding = {
    ok: source.restoreTest.ok,
    text: source.restoreTest.ok ? `restorable: ${source.restoreTest.detail}` : `failed: ${source.restoreTest.detail}`,
  };
  const stability: Finding = { ok: source.stableAfterSnapshot.ok, text: source.stableAfterSnapshot.detail };
  return {
    role: source.role,
    label: LABEL[source.role],
    verified: integrity.ok && restoreTest.ok && stability.ok,
    sourcePath: source.sourcePath,
    snapshotPath: joinPath(manifest.backupDir, source.snapshotFile),
    size: formatBytes(source.sizeBytes),
    sha256: source.sha256,
    integrity,
    restoreTest,
    stability,
    categorization: categorization(manifest, source),
    tables: source.tables.map((table) => ({ name: table.name, columns: table.columns.length, rows: table.rowCount })),
    totalRows: source.tables.reduce((sum, table) => sum + table.rowCount, 0),
  };
}

function categorization(manifest: BackupManifest, source: SourceManifest): SourceSummary["categorization"] {
  const count = `${countOf(source.categorized, "categorization record")}`;
  if (source.role === "nas") {
    return {
      ok: true,
      compared: false,
      text: `${count}; ${manifest.categorizedUnion} distinct videos categorized in either source`,
    };
  }
  const ok = source.categorized === manifest.expectedCategorized;
  return {
    ok,
    waivable: true,
    compared: true,
    text: `${count}, expected ${manifest.expectedCategorized}${ok ? "" : ` (${signed(source.categorized - manifest.expectedCategorized)})`}`,
  };
}

export function summarizeBackup(manifest: BackupManifest): SourceSummary[] {
  const order = { nas: 0, dashboard: 1 } as const;
  return [...manifest.sources].sort((a, b) => order[a.role] - order[b.role]).map((s) => summarizeSource(manifest, s));
}

/** The categorization check failed but may be waived: approving then needs a recorded reason. */
export function categorizationNeedsReason(manifest: BackupManifest): boolean {
  const dashboard = manifest.sources.find((source) => source.role === "dashboard");
  return dashboard !== undefined && dashboard.categorized !== manifest.expectedCategorized;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(2)} GB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function signed(n: number): string {
  return n > 0 ? `${n} more` : `${-n} fewer`;
}

/** Manifest paths are absolute; no node:path here so client bundles can import this module. */
function joinPath(dir: string, file: string): string {
  return dir.endsWith("/") ? `${dir}${file}` : `${dir}/${file}`;
}
