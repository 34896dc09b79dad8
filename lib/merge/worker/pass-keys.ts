import { openMergePass, type MergePass } from "../merge-pass";
import { SOURCE_TABLES } from "../quarantine";
import { countRows } from "../source-db";
import { askTsWorker } from "./ts-worker";

/**
 * What verify needs of the sources besides the copy's record of them: the batch order (from a
 * keys-only scan of both files, as every pass derives it) and each source table's row count.
 * In a worker thread, it is read while the main thread compares the target with the copy.
 */
export type PassKeys = { batchCount: number; order: string[]; sourceCounts: Record<string, number> };

export function sourceCounts(pass: MergePass): Record<string, number> {
  return Object.fromEntries(
    (["nas", "dashboard"] as const).flatMap((side) =>
      SOURCE_TABLES.map((table) => [`${side}.${table}`, countRows(pass[side].src, table)]),
    ),
  );
}

export function passKeys(sources: { nas: string; dashboard: string }, batchSize: number): PassKeys {
  const pass = openMergePass(sources, batchSize);
  try {
    return { batchCount: pass.batchCount, order: pass.order, sourceCounts: sourceCounts(pass) };
  } finally {
    pass.close();
  }
}

export async function readPassKeys(
  sources: { nas: string; dashboard: string },
  batchSize: number,
  threads: number,
): Promise<PassKeys> {
  if (threads === 0) return passKeys(sources, batchSize);
  return askTsWorker<PassKeys>("lib/merge/worker/pass-keys-worker.ts", { sources, batchSize }, "the key scan");
}
