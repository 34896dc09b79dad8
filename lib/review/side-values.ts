import "server-only";
import type { Side } from "@/lib/merge/choose";
import { toTargetValues, type TargetValues } from "@/lib/merge/fields";
import { openSource } from "@/lib/merge/source-db";
import { buildAnalysisJson } from "@/lib/merge/analysis-json";

/**
 * Each source's content row exactly as the merge used it (the plan keeps its key, `content.id`
 * or `rowid:N`, which matters when one source holds two rows for a video), as target-typed
 * values. One statement per source, so a page of 100 records costs two indexed reads.
 */
export type RowRef = { videoId: string; nasRowId: string | null; dashboardRowId: string | null };
export type SideValues = Map<string, { nas: TargetValues | null; dashboard: TargetValues | null }>;

export function readSideValues(sources: { nas: string; dashboard: string }, refs: RowRef[]): SideValues {
  const result: SideValues = new Map(refs.map((r) => [r.videoId, { nas: null, dashboard: null }]));
  for (const side of ["nas", "dashboard"] as const satisfies readonly Side[]) {
    const key = side === "nas" ? "nasRowId" : "dashboardRowId";
    const wanted = refs.filter((r) => r[key] !== null);
    if (wanted.length === 0) continue;
    const src = openSource(side, sources[side]);
    try {
      const keys = wanted.map((r) => String(r[key]));
      const ids = keys.filter((k) => !k.startsWith("rowid:"));
      const rowids = keys.filter((k) => k.startsWith("rowid:")).map((k) => Number(k.slice(6)));
      // two statements, so each is answered by its own index (id, rowid)
      const select = (where: string, values: unknown[]) =>
        values.length
          ? (src.db
              .prepare(`SELECT rowid AS "rowid:", * FROM content WHERE ${where} IN (SELECT value FROM json_each(?))`)
              .all(JSON.stringify(values)) as Record<string, unknown>[])
          : [];
      const rows = [...select("id", ids), ...select("rowid", rowids)];
      const byKey = new Map<string, Record<string, unknown>>();
      for (const row of rows) {
        byKey.set(`rowid:${String(row["rowid:"])}`, row);
        if (row.id !== null && row.id !== undefined) byKey.set(String(row.id), row);
      }
      for (const ref of wanted) {
        const row = byKey.get(String(ref[key]));
        if (row) result.get(ref.videoId)![side] = toTargetValues(row).values;
      }
    } finally {
      src.close();
    }
  }
  return result;
}

/**
 * The merged source's value of each field: the chosen side where they differ, else the one
 * present; analysis_json as the copy writes it (lib/merge/analysis-json.ts), so it compares
 * with PostgreSQL as verify compares it.
 */
export function mergedValues(
  sides: { nas: TargetValues | null; dashboard: TargetValues | null },
  chosen: ReadonlyMap<string, string>,
): TargetValues {
  const merged: TargetValues = { ...(sides.nas ?? {}), ...(sides.dashboard ?? {}) };
  for (const [field, side] of chosen) {
    const values = side === "nas" ? sides.nas : sides.dashboard;
    if (values && field in values) merged[field] = values[field];
  }
  merged.analysis_json = buildAnalysisJson(merged);
  return merged;
}
