import type { CheckResult } from "@/lib/workflow/types";
import type { BackupManifest, SourceManifest } from "./manifest";
import { ROLE_LABEL, SOURCE_ROLES } from "./source-access";

/** Stable check names: the workflow core and the UI key on them. */
export const CHECK_NAMES = {
  integrity: (role: keyof typeof ROLE_LABEL) => `${ROLE_LABEL[role]} snapshot integrity`,
  restore: (role: keyof typeof ROLE_LABEL) => `${ROLE_LABEL[role]} restore test`,
  stability: (role: keyof typeof ROLE_LABEL) => `${ROLE_LABEL[role]} fingerprint stability`,
  categorized: "Dashboard categorization count = expected",
  bothVerified: "Both snapshots verified",
} as const;

function source(manifest: BackupManifest, role: "nas" | "dashboard"): SourceManifest {
  return manifest.sources.find((entry) => entry.role === role)!;
}

export function buildChecks(manifest: BackupManifest): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const role of SOURCE_ROLES) {
    const entry = source(manifest, role);
    const rows = entry.tables.reduce((sum, table) => sum + table.rowCount, 0);
    checks.push(
      {
        name: CHECK_NAMES.integrity(role),
        ok: entry.integrity === "ok",
        detail: `integrity ${entry.integrity}; ${entry.tables.length} tables, ${rows} rows, ${formatBytes(entry.sizeBytes)}, SHA-256 ${entry.sha256.slice(0, 12)}…`,
        evidence: { sha256: entry.sha256, sizeBytes: entry.sizeBytes, integrity: entry.integrity },
      },
      { name: CHECK_NAMES.restore(role), ok: entry.restoreTest.ok, detail: entry.restoreTest.detail },
      {
        name: CHECK_NAMES.stability(role),
        ok: entry.stableAfterSnapshot.ok,
        detail: entry.stableAfterSnapshot.detail,
        evidence: { fingerprint: entry.fingerprint },
      },
    );
  }
  const dashboard = source(manifest, "dashboard");
  const nas = source(manifest, "nas");
  checks.push({
    name: CHECK_NAMES.categorized,
    ok: dashboard.categorized === manifest.expectedCategorized,
    waivable: true,
    detail: `Dashboard ${dashboard.categorized} categorized (expected ${manifest.expectedCategorized}); NAS ${nas.categorized}; union ${manifest.categorizedUnion}${quarantinedNote(manifest)}`,
    evidence: {
      dashboard: dashboard.categorized,
      nas: nas.categorized,
      union: manifest.categorizedUnion,
      expected: manifest.expectedCategorized,
    },
  });
  const verified = manifest.sources.every((entry) => entry.integrity === "ok" && entry.restoreTest.ok);
  checks.push({
    name: CHECK_NAMES.bothVerified,
    ok: verified,
    detail: verified
      ? `both snapshots verified and restorable (backup ${manifest.backupId})`
      : "a snapshot failed verification",
  });
  return checks;
}

/** What the owner approves: the data's identity, not file paths or mtimes. A new backup is new evidence. */
export function buildEvidence(manifest: BackupManifest): Record<string, unknown> {
  return {
    backupId: manifest.backupId,
    createdAt: manifest.createdAt,
    expectedCategorized: manifest.expectedCategorized,
    categorizedUnion: manifest.categorizedUnion,
    sources: Object.fromEntries(
      manifest.sources.map((entry) => [
        entry.role,
        {
          sourcePath: entry.sourcePath,
          sha256: entry.sha256,
          sizeBytes: entry.sizeBytes,
          integrity: entry.integrity,
          fingerprint: entry.fingerprint,
          categorized: entry.categorized,
          tables: entry.tables.map((table) => ({
            name: table.name,
            rowCount: table.rowCount,
            fingerprint: table.fingerprint,
          })),
          restoreTestOk: entry.restoreTest.ok,
          stableAfterSnapshot: entry.stableAfterSnapshot.ok,
        },
      ]),
    ),
  };
}

/** Categorization rows the count leaves out because the merge quarantines them (no valid key, a losing duplicate). */
function quarantinedNote(manifest: BackupManifest): string {
  const parts = manifest.sources.flatMap((entry) => {
    const left = entry.categorizationQuarantined;
    const rows = (left?.invalidKey ?? 0) + (left?.duplicateKey ?? 0);
    return rows ? [`${ROLE_LABEL[entry.role]} ${rows}`] : [];
  });
  return parts.length
    ? `; categorization rows left out because the merge quarantines them (no valid key, or an older duplicate): ${parts.join(", ")}`
    : "";
}

function formatBytes(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(2)} GB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}
