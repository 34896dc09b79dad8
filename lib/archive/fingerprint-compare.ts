/**
 * Names the tables in which two logical fingerprints (lib/backup/fingerprint.ts) differ. Pure:
 * it compares the recorded per-table hashes and row counts, it fingerprints nothing itself.
 */
export type TableFingerprintLike = { name: string; rowCount: number; fingerprint: string; columns?: string[] };
export type FingerprintLike = { fingerprint: string; tables: TableFingerprintLike[] };

export type TableMismatch = {
  table: string;
  kind: "added" | "removed" | "columns" | "rows";
  before: number | null;
  after: number | null;
};

export function compareFingerprints(before: FingerprintLike, after: FingerprintLike): TableMismatch[] {
  const old = new Map(before.tables.map((table) => [table.name, table]));
  const now = new Map(after.tables.map((table) => [table.name, table]));
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  const mismatches: TableMismatch[] = [];
  for (const table of names) {
    const a = old.get(table);
    const b = now.get(table);
    if (!b) mismatches.push({ table, kind: "removed", before: a!.rowCount, after: null });
    else if (!a) mismatches.push({ table, kind: "added", before: null, after: b.rowCount });
    else if (a.fingerprint === b.fingerprint) continue;
    else if (a.columns && b.columns && a.columns.join("\n") !== b.columns.join("\n")) {
      mismatches.push({ table, kind: "columns", before: a.rowCount, after: b.rowCount });
    } else mismatches.push({ table, kind: "rows", before: a.rowCount, after: b.rowCount });
  }
  // Equal tables under a different whole hash can only mean a damaged record: say so rather than nothing.
  if (mismatches.length === 0 && before.fingerprint !== after.fingerprint) {
    mismatches.push({ table: "(whole file)", kind: "rows", before: null, after: null });
  }
  return mismatches;
}

/** "content rows changed (120 → 121 rows), notes table added (3 rows)" */
export function describeMismatches(mismatches: TableMismatch[]): string {
  return mismatches
    .map(({ table, kind, before, after }) => {
      if (kind === "removed") return `${table} table removed (${before} rows)`;
      if (kind === "added") return `${table} table added (${after} rows)`;
      if (before === null) return `${table} fingerprint differs`;
      const counts = before === after ? `${after} rows` : `${before} → ${after} rows`;
      return `${table} ${kind === "columns" ? "columns" : "rows"} changed (${counts})`;
    })
    .join(", ");
}
