import "server-only";
import type { AppContext } from "@/lib/app-context";
import { CARD_VARIANTS, type Card } from "@/lib/contract/card";
import { cardDifferences } from "@/lib/contract/card-differences";
import { readCardDetail } from "@/lib/contract/dashboard-pg";
import { sqliteCard } from "@/lib/contract/dashboard-sqlite";
import { LISTING_FIELD } from "@/lib/merge/placeholder";
import { openSource } from "@/lib/merge/source-db";
import { getPlanRecord } from "@/lib/merge/store/plan-queries";
import { readTarget } from "./target-read";

/**
 * A record's "Dashboard view": its card as the PostgreSQL-era Dashboard will show it (read from
 * the target through lib/contract/dashboard-pg.ts), beside the card the SQLite-era Dashboard
 * showed (its own file's row, lib/contract/dashboard-sqlite.ts), the card fields that differ,
 * and whether the video is listed — with the owner's listing decision when it has no summary
 * of its own in the card variants.
 */
type PlanRecordDetail = NonNullable<Awaited<ReturnType<typeof getPlanRecord>>>;

export type CardSide =
  | { state: "shown"; card: Card; listed: boolean }
  | { state: "absent"; why: string }
  | { state: "error"; error: string };

export type ListingState = { needed: boolean; choice: "placeholder" | "unlisted"; decided: boolean };

export type DashboardView = {
  postgres: CardSide;
  sqlite: CardSide;
  listing: ListingState;
  /** card fields (dotted paths) whose values differ between the eras; timestamps compared as instants */
  differences: { field: string; sqlite: unknown; postgres: unknown }[];
};

/** A copied record whose plan has no latest summary of its own in the card variants: it needs the placeholder or stays unlisted. */
export function needsPlaceholder(detail: Pick<PlanRecordDetail, "record" | "summaries">): boolean {
  if (detail.record.action !== "copy") return false;
  return !detail.summaries.some(
    (s) => s.isLatest && s.sourceTable !== "generated" && (CARD_VARIANTS as readonly string[]).includes(s.variant),
  );
}

export function listingState(detail: Pick<PlanRecordDetail, "record" | "summaries" | "decisions">): ListingState {
  const decision = detail.decisions.find((d) => d.field === LISTING_FIELD)?.choice;
  return {
    needed: needsPlaceholder(detail),
    choice: decision === "unlisted" ? "unlisted" : "placeholder",
    decided: decision !== undefined,
  };
}

function dashboardRow(path: string, rowId: string): Record<string, unknown> | undefined {
  const src = openSource("dashboard", path);
  try {
    return rowId.startsWith("rowid:")
      ? (src.db.prepare("SELECT * FROM content WHERE rowid = ?").get(Number(rowId.slice(6))) as Record<string, unknown>)
      : (src.db.prepare("SELECT * FROM content WHERE id = ?").get(rowId) as Record<string, unknown>);
  } finally {
    src.close();
  }
}

export { cardDifferences };

export async function loadDashboardView(ctx: AppContext, videoId: string): Promise<DashboardView | null> {
  const detail = await getPlanRecord(ctx.db, videoId);
  if (!detail) return null;
  const { record } = detail;
  const plan = await ctx.db.mergePlan.findUniqueOrThrow({ where: { id: record.planId } });
  const row = record.dashboardRowId ? dashboardRow(plan.dashboardPath, record.dashboardRowId) : undefined;
  const sqlite: CardSide = row
    ? { state: "shown", card: sqliteCard(row), listed: true }
    : {
        state: "absent",
        why: "The Dashboard's file does not have this video: the SQLite-era Dashboard did not show it.",
      };
  const target = await readTarget(ctx, (client) => readCardDetail(client, record.videoId));
  const postgres: CardSide = !target.ok
    ? { state: "error", error: target.error }
    : target.value
      ? { state: "shown", card: target.value.card, listed: target.value.listed }
      : {
          state: "absent",
          why:
            record.action === "copy"
              ? "Not in PostgreSQL yet: run the copy to see the card the PostgreSQL-era Dashboard will show."
              : "Not copied to PostgreSQL (your decision or the default): the PostgreSQL-era Dashboard will not show it.",
        };
  const differences =
    sqlite.state === "shown" && postgres.state === "shown" ? cardDifferences(sqlite.card, postgres.card) : [];
  return { postgres, sqlite, listing: listingState(detail), differences };
}
