import "server-only";
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import type Database from "better-sqlite3";
import type { ProgressReporter } from "@/lib/workflow/types";
import { countRows, listTables, scanTable, type TableShape } from "./table-scan";

export type TableFingerprint = { name: string; columns: string[]; rowCount: number; fingerprint: string };
export type DatabaseFingerprint = { tables: TableFingerprint[]; fingerprint: string };

/** Length-prefixed so no two different (name, columns) headers hash alike. */
function headerBytes(table: TableShape): Buffer {
  return Buffer.from(JSON.stringify([table.name, table.columns]), "utf8");
}

const REPORT_EVERY_ROWS = 2_000;

/**
 * The logical fingerprint: every row of every user table, in key order, type-tagged. It
 * depends on the data only, so VACUUM, page size or insertion order do not change it.
 */
export async function fingerprintDatabase(
  db: Database.Database,
  options: { phase?: string; onProgress?: ProgressReporter } = {},
): Promise<DatabaseFingerprint> {
  const shapes = listTables(db);
  const total = options.onProgress ? shapes.reduce((sum, table) => sum + countRows(db, table), 0) : 0;
  const report = (done: number) =>
    options.onProgress?.({ phase: options.phase ?? "fingerprint", done, total, unit: "rows" });
  let done = 0;
  report(0);
  const tables: TableFingerprint[] = [];
  for (const shape of shapes) {
    tables.push(
      await fingerprintTable(db, shape, () => {
        done++;
        if (done % REPORT_EVERY_ROWS === 0) report(done);
      }),
    );
  }
  report(total > done ? total : done);
  return { tables, fingerprint: wholeFingerprint(tables) };
}

/** The database's fingerprint from its tables' fingerprints. */
export function wholeFingerprint(tables: TableFingerprint[]): string {
  const whole = createHash("sha256");
  for (const table of tables) whole.update(`${JSON.stringify([table.name, table.fingerprint, table.rowCount])}\n`);
  return whole.digest("hex");
}

/** Yields to the event loop now and then so progress reaches the UI during a long scan. */
export async function fingerprintTable(
  db: Database.Database,
  shape: TableShape,
  onRow?: () => void,
): Promise<TableFingerprint> {
  const hash = createHash("sha256");
  const header = headerBytes(shape);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  hash.update(length).update(header);
  let rowCount = 0;
  for (const row of scanTable(db, shape)) {
    hash.update(row.encoded);
    rowCount++;
    onRow?.();
    if (rowCount % REPORT_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { name: shape.name, columns: shape.columns, rowCount, fingerprint: hash.digest("hex") };
}

/** `PRAGMA integrity_check` as one line ("ok" when healthy); SQLite's rows may hold newlines. */
export function integrityCheck(db: Database.Database): string {
  const rows = db.prepare("PRAGMA integrity_check(20)").pluck().all() as string[];
  return rows
    .flatMap((row) => row.split("\n"))
    .map((line) => line.trim())
    .filter((line) => line !== "" && line !== "*** in database main ***")
    .join("; ");
}

/** SHA-256 and size of a file, streamed so a 1 GB file needs no 1 GB of memory. */
export async function fileSha256(
  path: string,
  options: { phase?: string; onProgress?: ProgressReporter } = {},
): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash("sha256");
  const total = options.onProgress ? statSync(path).size : 0;
  const report = (done: number) =>
    options.onProgress?.({ phase: options.phase ?? "sha256", done, total, unit: "bytes" });
  let sizeBytes = 0;
  report(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    sizeBytes += (chunk as Buffer).length;
    if (sizeBytes % (64 << 20) < (chunk as Buffer).length) report(sizeBytes);
  }
  report(sizeBytes);
  return { sha256: hash.digest("hex"), sizeBytes };
}
