import "server-only";
import path from "node:path";
import Database from "better-sqlite3";
import type { AppContext } from "../app-context";
import { manifestOfEvidence } from "../steps/backup-step";
import { CATEGORIZATION_COLUMNS } from "../sources/categorization";
import { tallyCategorization, type CategorizationRow } from "../sources/categorization-count";
import { approvalInForce } from "../workflow/store";
import { COUNT_DEFINITIONS } from "./count-definitions";
import type { CategorizationCountFacts } from "./types";

const KEY_COLUMNS = ["id", "video_id", "updated_at", "indexed_at", "created_at"] as const;

/**
 * Each definition of the categorization count on the approved backup's snapshots (step 1's
 * evidence: the files as they were frozen), per source and for both together.
 */
export async function loadCategorizationCount(ctx: AppContext): Promise<CategorizationCountFacts> {
  const approval = await approvalInForce(ctx.db, "backup");
  if (!approval) return { available: false, note: "Step 1 (Backup) is not approved: there is no evidence to count." };
  const manifest = manifestOfEvidence(ctx, approval.evidence);
  if (!manifest) {
    return {
      available: false,
      note: `The manifest of the approved backup (run #${approval.runId}) is missing from ${ctx.paths.backupsDir}.`,
    };
  }
  const keys = COUNT_DEFINITIONS.map(() => ({ nas: [] as string[], dashboard: [] as string[] }));
  for (const source of manifest.sources) {
    const file = path.join(manifest.backupDir, source.snapshotFile);
    let rows: CategorizationRow[];
    try {
      rows = readRows(file);
    } catch (error) {
      return {
        available: false,
        note: `The snapshot ${file} of the approved backup cannot be read: ${(error as Error).message}`,
      };
    }
    COUNT_DEFINITIONS.forEach((definition, i) => {
      const flagged = rows.map((row) => ({ ...keyColumns(row), categorized: definition.test(row) }));
      keys[i]![source.role] = tallyCategorization(flagged).keys;
    });
  }
  return {
    available: true,
    backupId: manifest.backupId,
    backupRunId: approval.runId,
    expected: manifest.expectedCategorized,
    definitions: COUNT_DEFINITIONS.map(({ id, label, ours }, i) => {
      const { nas, dashboard } = keys[i]!;
      return {
        id,
        label,
        ours,
        counts: { nas: nas.length, dashboard: dashboard.length, union: new Set([...nas, ...dashboard]).size },
      };
    }),
  };
}

function keyColumns(row: CategorizationRow) {
  const { rowid, id, video_id, updated_at, indexed_at, created_at } = row;
  return { rowid, id, video_id, updated_at, indexed_at, created_at };
}

/** The snapshot's content rows, read-only; a column an older schema lacks reads as NULL. */
function readRows(file: string): CategorizationRow[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const present = new Set(
      (db.prepare("PRAGMA main.table_info(content)").all() as Array<{ name: string }>).map((c) => c.name),
    );
    const column = (name: string) => (present.has(name) ? `"${name}"` : `NULL AS "${name}"`);
    const select = ["rowid", ...KEY_COLUMNS.map(column), ...CATEGORIZATION_COLUMNS.map(column)].join(", ");
    return db.prepare(`SELECT ${select} FROM main.content`).all() as CategorizationRow[];
  } finally {
    db.close();
  }
}
