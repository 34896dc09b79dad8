import type { AppContext } from "../app-context";
import { listArchives, type ArchiveManifest, type MovedRecord } from "../archive";
import { formatBytes } from "../archive/archive-errors";
import { hostRemoval } from "../archive/remote-source";
import { ROLE_LABEL } from "../sources/source-setting";
import { readOwnerFact } from "../workflow/workflow";
import type { EvidenceSection } from "./types";
import { countOf } from "@/lib/common/plural";

/**
 * Step 6's evidence from what is on disk: each archive folder's manifest (SHA-256s, sizes,
 * compression), its restore check, where the original went, and for a remote source what the
 * owner must still remove on the host. Read from the manifests, so it is true of the files now.
 */
const TITLE = "Archive manifests and restore checks (step 6)";

export async function loadArchiveSection(ctx: AppContext): Promise<EvidenceSection> {
  const entries = listArchives(ctx.paths.archiveDir);
  const verified = entries.flatMap((entry) =>
    entry.status === "verified" ? [{ dir: entry.dir, manifest: entry.manifest, moved: entry.moved }] : [],
  );
  const other = entries.filter((entry) => entry.status !== "verified");
  if (entries.length === 0) {
    return {
      id: "archive",
      title: TITLE,
      state: "not_run",
      note: "Not run yet: no archive is recorded.",
      lines: [],
      tables: [],
    };
  }
  const window = await readOwnerFact<{ openedAt: string }>(ctx, "write_guard_window");
  const dualWrite = await readOwnerFact<{ enabled: boolean }>(ctx, "dual_write_mode");
  const lines = [
    dualWrite
      ? `Dual write ${dualWrite.value.enabled ? "on" : "off"}, confirmed by ${dualWrite.updatedBy} at ${dualWrite.updatedAt}.`
      : "Dual write was never recorded.",
    window
      ? `Write-guard window opened at ${window.value.openedAt} by ${window.updatedBy} (the archive run's checks say whether it held).`
      : "No write-guard window is recorded.",
    `Archive folder: ${ctx.paths.archiveDir}; ${countOf(verified.length, "archive")} with a manifest.`,
    ...other.map((entry) => `${entry.id}: ${entry.status} (${entry.reason}).`),
    ...verified.flatMap(({ dir, manifest }) =>
      manifest.source.kind === "remote" ? [hostRemoval(manifest.label, manifest.source.url, dir).detail + "."] : [],
    ),
  ];
  return {
    id: "archive",
    title: TITLE,
    state: "recorded",
    note: "",
    lines,
    tables: [
      {
        caption: "Manifests",
        columns: [
          "Archive",
          "Source",
          "Original SHA-256",
          "Original size",
          "Archive SHA-256",
          "Archive size",
          "Compression",
          "Rows",
        ],
        rows: verified.map(({ manifest }) => [
          `${manifest.archiveId} (${ROLE_LABEL[manifest.label]})`,
          manifest.source.kind === "local" ? manifest.source.path : `${manifest.source.url} (downloaded)`,
          manifest.original.sha256,
          formatBytes(manifest.original.sizeBytes),
          manifest.archive.sha256,
          formatBytes(manifest.archive.sizeBytes),
          compression(manifest),
          manifest.original.tables.map((t) => `${t.name} ${t.rowCount}`).join(", "),
        ]),
      },
      {
        caption: "Restore checks",
        columns: ["Archive", "Passed", "Integrity", "Fingerprint", "Matches the write-guard window", "Checked at"],
        rows: verified.map(({ manifest }) => {
          const check = manifest.restoreTest;
          return [
            `${manifest.archiveId} (${ROLE_LABEL[manifest.label]})`,
            check.ok ? "yes" : `no: ${check.detail}`,
            check.integrity ?? "not restored",
            check.fingerprint ?? "none",
            check.matchesExpected === null ? "no window given" : check.matchesExpected ? "yes" : "no",
            check.checkedAt,
          ];
        }),
      },
      {
        caption: "Originals",
        columns: ["Archive", "Where the original is"],
        rows: verified.map(({ dir, manifest, moved }) => [
          `${manifest.archiveId} (${ROLE_LABEL[manifest.label]})`,
          whereOriginal(dir, manifest, moved),
        ]),
      },
    ],
  };
}

function compression(manifest: ArchiveManifest): string {
  const c = manifest.compression;
  return `${c.format} level ${c.level} (${c.library} ${c.libraryVersion})`;
}

function whereOriginal(dir: string, manifest: ArchiveManifest, moved: MovedRecord | null): string {
  if (manifest.source.kind === "remote")
    return `on its host: the owner must remove the file served at ${manifest.source.url}`;
  if (!moved) return `still at ${manifest.source.path} (not moved aside yet)`;
  return `moved (${moved.method}) at ${moved.movedAt} into ${dir}: ${moved.files.map((f) => f.to).join(", ")}`;
}
