import "server-only";
import type pg from "pg";
import { readTargetRecords } from "@/lib/verify/target-read";
import type { Side } from "./choose";
import { toTargetValues, type TargetValues } from "./fields";
import { openSource } from "./source-db";
import type { PlanSources } from "./planner";
import { extractSummaryText, normalizeVariantName } from "./transforms";

/**
 * One record as each store holds it, for the detail's three columns (NAS | Dashboard |
 * PostgreSQL): each source's raw rows and their target-typed values, and the target's row.
 * Reads by key only (indexed), so it is instant at any size.
 */
export type SideView = {
  rows: Record<string, unknown>[];
  values: TargetValues | null;
  summaries: {
    table: string;
    sourceKey: string;
    variant: string | null;
    revision: number;
    text: string | null;
    createdAt: unknown;
  }[];
} | null;

function readSide(side: Side, path: string, videoId: string): SideView {
  const src = openSource(side, path);
  try {
    const rows = src.db
      .prepare("SELECT * FROM content WHERE video_id = ? OR id IN (?, ?) ORDER BY rowid")
      .all(videoId, `yt:${videoId}`, videoId) as Record<string, unknown>[];
    const variants = src.hasTable("summary_variants")
      ? (src.db
          .prepare("SELECT * FROM summary_variants WHERE video_id = ? ORDER BY variant_type, revision")
          .all(videoId) as Record<string, unknown>[])
      : [];
    const ids = rows.map((r) => r.id);
    const old =
      src.hasTable("content_summaries") && ids.length
        ? (src.db
            .prepare(`SELECT * FROM content_summaries WHERE content_id IN (${ids.map(() => "?").join(",")})`)
            .all(...ids) as Record<string, unknown>[])
        : [];
    if (!rows.length && !variants.length && !old.length) return null;
    return {
      rows,
      values: rows.length ? toTargetValues(rows.at(-1)!).values : null,
      summaries: [
        ...variants.map((v) => ({
          table: "summary_variants",
          sourceKey: String(v.id),
          variant: normalizeVariantName(v.variant_type).value,
          revision: Number(v.revision),
          text: extractSummaryText(v.content).text,
          createdAt: v.created_at,
        })),
        ...old.map((o) => ({
          table: "content_summaries",
          sourceKey: String(o.id),
          variant: normalizeVariantName(o.summary_type ?? "comprehensive").value,
          revision: 1,
          text: extractSummaryText(o.summary_text).text,
          createdAt: o.created_at,
        })),
      ],
    };
  } finally {
    src.close();
  }
}

export async function readRecordSides(client: pg.ClientBase | null, sources: PlanSources, videoId: string) {
  const target = client ? ((await readTargetRecords(client, [videoId])).get(videoId) ?? null) : null;
  const summaries = client
    ? (
        await client.query(
          "SELECT variant, revision, text, html, is_latest FROM content_summaries WHERE video_id = $1 ORDER BY variant, revision",
          [videoId],
        )
      ).rows
    : [];
  return {
    nas: readSide("nas", sources.nas, videoId),
    dashboard: readSide("dashboard", sources.dashboard, videoId),
    postgres: target ? { values: target.content, summaries } : null,
  };
}
