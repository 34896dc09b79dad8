import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { selfContainedBytes, unwrittenSince } from "./byte-identity";
import { fingerprintDatabase, wholeFingerprint, type TableFingerprint } from "./fingerprint";
import type { BackupManifest } from "./manifest";
import {
  shownSource,
  toLiveSource,
  withLiveSource,
  type FetchOptions,
  type LiveSource,
} from "@/lib/sources/live-source";
import { defaultIo, openReadOnly, preflightSource, ROLE_LABEL, toOwnerFacing, type SourceRole } from "./source-access";
import { diffTableRows, type RowDiff } from "./row-diff";
import { listTables } from "./table-scan";
import { countOf } from "@/lib/common/plural";

export type TableChange = {
  table: string;
  kind: "added" | "removed" | "columns" | "rows";
  detail: string;
} & Partial<RowDiff>;
export type SourceFreeze = {
  role: SourceRole;
  ok: boolean;
  fingerprint: string;
  changes: TableChange[];
  detail: string;
  /** the SHA-256 of the source's bytes, proved to hold the backup's rows (byte-identity.ts) */
  provenBytes?: string;
};
export type FreezeResult = { ok: boolean; sources: SourceFreeze[]; detail: string };

type FreezeOptions = FetchOptions & {
  /** a plain path is a local file; a URL source is downloaded afresh (lib/sources) */
  sources: Partial<Record<SourceRole, string | LiveSource>>;
  manifest: BackupManifest;
  /** where the snapshots are (defaults to the manifest's folder); used to count changed rows */
  backupDir?: string;
  busyTimeoutMs?: number;
  onProgress?: ProgressReporter;
  /**
   * Per source, the SHA-256 of bytes already proved to hold this backup's rows: a source with
   * those very bytes is proved by reading them, not its rows. Given (even empty), each source's
   * bytes are hashed and, when its rows match, returned as its provenBytes; omitted, rows only.
   */
  provenBytes?: ProvenBytes;
};

export type ProvenBytes = Partial<Record<SourceRole, string>>;

/**
 * Proves the freeze held: reads each live source again, through the source reader (in place,
 * or a fresh copy or download), and compares its logical fingerprint with the backup's. For a
 * table that differs, the live rows and the snapshot's rows are merged in key order to count
 * rows added, removed and changed, without loading either side.
 */
export async function checkFreeze(options: FreezeOptions): Promise<FreezeResult> {
  const results: SourceFreeze[] = [];
  for (const role of ["nas", "dashboard"] as const) {
    const configured = options.sources[role];
    if (configured === undefined) continue;
    const recorded = options.manifest.sources.find((source) => source.role === role);
    if (!recorded) throw new OwnerFacingError(`The backup has no ${ROLE_LABEL[role]} snapshot to compare with`);
    const snapshotPath = path.join(options.backupDir ?? options.manifest.backupDir, recorded.snapshotFile);
    const proven = options.provenBytes === undefined ? undefined : (options.provenBytes[role] ?? null);
    results.push(await checkSourceFreeze(role, configured, recorded.tables, snapshotPath, { ...options, proven }));
  }
  const ok = results.every((result) => result.ok);
  return {
    ok,
    sources: results,
    detail: ok
      ? "sources unchanged since the backup"
      : results
          .filter((r) => !r.ok)
          .map((r) => r.detail)
          .join("; "),
  };
}

export async function checkSourceFreeze(
  role: SourceRole,
  configured: string | LiveSource,
  recordedTables: TableFingerprint[],
  snapshotPath: string,
  options: FetchOptions &
    Pick<FreezeOptions, "busyTimeoutMs" | "onProgress"> & {
      /** bytes proved before (null: none yet, still hash them); undefined: rows only */
      proven?: string | null;
    },
): Promise<SourceFreeze> {
  const source = toLiveSource(role, configured);
  const shown = shownSource(source);
  try {
    // Same refusals as the backup itself (missing, locked, not SQLite…), in the same words.
    preflightSource(role, source, defaultIo, options.busyTimeoutMs);
    return await withLiveSource(source, options, async (file) => {
      const phase = `freeze check ${role}`;
      const unchanged = `${ROLE_LABEL[role]} unchanged since the backup`;
      const bytes =
        options.proven === undefined ? null : await selfContainedBytes(file, { phase, onProgress: options.onProgress });
      if (bytes && bytes.sha256 === options.proven) {
        const fingerprint = wholeFingerprint(recordedTables);
        return { role, ok: true, fingerprint, changes: [], detail: unchanged, provenBytes: bytes.sha256 };
      }
      const live = openReadOnly(file, options.busyTimeoutMs);
      try {
        const current = await fingerprintDatabase(live, { phase, onProgress: options.onProgress });
        const changes = await describeChanges(live, recordedTables, current.tables, snapshotPath);
        const ok = changes.length === 0;
        const detail = ok
          ? unchanged
          : `${ROLE_LABEL[role]} changed since the backup: ${changes.map((change) => `${change.table} ${change.detail}`).join(", ")}`;
        const provenBytes = ok && bytes && unwrittenSince(file, bytes) ? bytes.sha256 : undefined;
        return { role, ok, fingerprint: current.fingerprint, changes, detail, ...(provenBytes ? { provenBytes } : {}) };
      } finally {
        live.close();
      }
    });
  } catch (error) {
    throw toOwnerFacing(role, shown, error);
  }
}

async function describeChanges(
  live: Database.Database,
  recorded: TableFingerprint[],
  current: TableFingerprint[],
  snapshotPath: string,
): Promise<TableChange[]> {
  const changes: TableChange[] = [];
  const before = new Map(recorded.map((table) => [table.name, table]));
  const after = new Map(current.map((table) => [table.name, table]));
  for (const table of recorded) {
    if (!after.has(table.name))
      changes.push({ table: table.name, kind: "removed", detail: `table removed (${table.rowCount} rows)` });
  }
  const snapshot = existsSync(snapshotPath) ? openReadOnly(snapshotPath) : null;
  try {
    for (const table of current) {
      const old = before.get(table.name);
      if (!old) changes.push({ table: table.name, kind: "added", detail: `table added (${table.rowCount} rows)` });
      else if (old.fingerprint === table.fingerprint) continue;
      else if (old.columns.join("\n") !== table.columns.join("\n")) {
        changes.push({
          table: table.name,
          kind: "columns",
          detail: `columns changed (${old.rowCount} → ${table.rowCount} rows)`,
        });
      } else if (!snapshot) {
        changes.push({
          table: table.name,
          kind: "rows",
          detail: `rows changed (${old.rowCount} → ${table.rowCount} rows; snapshot missing, no row detail)`,
        });
      } else {
        const shape = listTables(live).find((t) => t.name === table.name)!;
        const diff = await diffTableRows(snapshot, live, shape);
        changes.push({ table: table.name, kind: "rows", ...diff, detail: describeRowDiff(diff) });
      }
    }
  } finally {
    snapshot?.close();
  }
  return changes;
}

export function describeRowDiff(diff: RowDiff): string {
  const parts = [
    diff.added ? `${diff.added} added` : "",
    diff.removed ? `${diff.removed} removed` : "",
    diff.changed ? `${diff.changed} changed` : "",
  ].filter(Boolean);
  const rows = diff.added + diff.removed + diff.changed;
  const summary = `${countOf(rows, "row")} changed`;
  // "2 rows changed (2 changed)" says nothing twice; the breakdown only helps when the kinds mix.
  return parts.length > 1 || !diff.changed ? `${summary} (${parts.join(", ")})` : summary;
}

/** For later steps (Copy): refuses with one owner-facing line when a source drifted. */
export async function assertSourcesUnchangedSinceBackup(options: FreezeOptions): Promise<FreezeResult> {
  const result = await checkFreeze(options);
  if (result.ok) return result;
  const named = result.sources
    .filter((source) => !source.ok)
    .map((source) => `${ROLE_LABEL[source.role]} ${source.changes.map((c) => `${c.table} ${c.detail}`).join(", ")}`);
  throw new OwnerFacingError(`source changed since backup: ${named.join("; ")}`, "source_changed");
}
