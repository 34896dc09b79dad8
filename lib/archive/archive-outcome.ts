import { ROLE_LABEL } from "@/lib/backup/source-access";
import type { CheckResult } from "@/lib/workflow/types";
import { formatBytes } from "./archive-errors";
import type { ArchiveResult } from "./archive-source";
import type { ArchiveManifest, RestoreCheck } from "./manifest";

/** The check line the Archive step shows for one source, and the evidence its approval binds to. */
export function archiveCheck(result: Pick<ArchiveResult, "label" | "manifest" | "restoreTest">): CheckResult {
  const { manifest, restoreTest } = result;
  const name = `${ROLE_LABEL[result.label]} archive`;
  const size = `${formatBytes(manifest.original.sizeBytes)} → ${formatBytes(manifest.archive.sizeBytes)} ${manifest.compression.format}`;
  return {
    name,
    ok: restoreTest.ok,
    detail: restoreTest.ok ? `${size}; restored, integrity ok, fingerprint matches` : restoreTest.detail,
    evidence: archiveEvidence(manifest, restoreTest),
  };
}

export function archiveEvidence(manifest: ArchiveManifest, restoreTest: RestoreCheck = manifest.restoreTest) {
  return {
    archiveId: manifest.archiveId,
    label: manifest.label,
    originalSha256: manifest.original.sha256,
    archiveSha256: manifest.archive.sha256,
    fingerprint: manifest.original.fingerprint,
    restoreTestOk: restoreTest.ok,
  };
}
