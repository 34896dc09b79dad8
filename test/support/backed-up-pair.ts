import path from "node:path";
import { runBackup } from "@/lib/backup/run-backup";
import { createLegacyDb } from "./legacy-fixtures";
import { makeTempDir } from "./temp-dir";

/** A NAS (write-ahead log) and a Dashboard (rollback journal) of `rows` videos each, backed up. */
export async function backedUpPair(rows: number) {
  const temp = makeTempDir();
  const sources = { nas: path.join(temp.dir, "nas.db"), dashboard: path.join(temp.dir, "dashboard.db") };
  createLegacyDb(sources.nas, { rows, journalMode: "wal" });
  createLegacyDb(sources.dashboard, { rows });
  const { manifest } = await runBackup({ sources, backupsDir: path.join(temp.dir, "backups"), expectedCategorized: 5 });
  return { sources, manifest, cleanup: temp.cleanup };
}
