import "server-only";
import type Database from "better-sqlite3";
import { compareKeys, scanTable, type ScannedRow, type TableShape } from "./table-scan";

export type RowDiff = { added: number; removed: number; changed: number };

/**
 * Counts rows added, removed and changed between two copies of one table by walking both in
 * key order at once (a merge join): memory is one row per side, whatever the table's size.
 */
export async function diffTableRows(
  before: Database.Database,
  after: Database.Database,
  shape: TableShape,
): Promise<RowDiff> {
  const diff: RowDiff = { added: 0, removed: 0, changed: 0 };
  const left = scanTable(before, shape);
  const right = scanTable(after, shape);
  let a = next(left);
  let b = next(right);
  let steps = 0;
  while (a || b) {
    const order = !a ? 1 : !b ? -1 : compareKeys(a.key, b.key);
    if (order < 0) {
      diff.removed++;
      a = next(left);
    } else if (order > 0) {
      diff.added++;
      b = next(right);
    } else {
      if (!a!.encoded.equals(b!.encoded)) diff.changed++;
      a = next(left);
      b = next(right);
    }
    if (++steps % 2_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return diff;
}

function next(rows: Generator<ScannedRow>): ScannedRow | undefined {
  const step = rows.next();
  return step.done ? undefined : step.value;
}
