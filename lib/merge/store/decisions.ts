import "server-only";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/audit-log";
import type { ControlDb, ControlTx } from "@/lib/control/control-db";
import { OwnerFacingError } from "@/lib/workflow/types";
import type { Side } from "../choose";
import { CONTENT_FIELDS } from "../fields";
import type { RecordDecisions } from "../merge-record";
import { CARD_VARIANTS } from "@/lib/contract/card";
import { LISTING_CHOICES, LISTING_FIELD } from "../placeholder";
import { canonicalHash } from "../transforms";

/**
 * The owner's merge decisions: a side per field (both-differ records), an action per record
 * (`restore`/`keep_deleted` for a resurrection candidate, `copy`/`skip` for a NAS-new one), or
 * for a video without a summary the Dashboard lists, `placeholder` (the default) or `unlisted`.
 * Keyed by video, not by plan, so they survive re-planning; the merge applies them over the
 * defaults. Every change is audited.
 */
export const RECORD_FIELD = "*";
export const RECORD_CHOICES = ["restore", "keep_deleted", "copy", "skip"] as const;

export const decisionInput = z.union([
  z.object({
    videoId: z.string().regex(/^[A-Za-z0-9_-]{11}$/),
    field: z.enum(CONTENT_FIELDS.map((f) => f.field) as [string, ...string[]]),
    choice: z.enum(["nas", "dashboard"]),
    note: z.string().max(2000).optional(),
  }),
  z.object({
    videoId: z.string().regex(/^[A-Za-z0-9_-]{11}$/),
    field: z.literal(RECORD_FIELD),
    choice: z.enum(RECORD_CHOICES),
    note: z.string().max(2000).optional(),
  }),
  z.object({
    videoId: z.string().regex(/^[A-Za-z0-9_-]{11}$/),
    field: z.literal(LISTING_FIELD),
    choice: z.enum(LISTING_CHOICES),
    note: z.string().max(2000).optional(),
  }),
]);
export type DecisionInput = z.infer<typeof decisionInput>;
export type StoredDecision = DecisionInput & { actor: string; decidedAt: string };

export async function setDecision(db: ControlTx, input: DecisionInput, actor: string): Promise<StoredDecision> {
  const parsed = decisionInput.safeParse(input);
  if (!parsed.success) throw new OwnerFacingError(`Invalid decision: ${parsed.error.issues[0]?.message}`, "invalid");
  const { videoId, field, choice, note } = parsed.data;
  const decidedAt = new Date().toISOString();
  const previous = await db.mergeDecision.findUnique({ where: { videoId_field: { videoId, field } } });
  const data = { choice, actor, note: note ?? null, decidedAt };
  await db.mergeDecision.upsert({
    where: { videoId_field: { videoId, field } },
    create: { videoId, field, ...data },
    update: data,
  });
  await applyDecisionToPlan(db, videoId, field, choice);
  await appendAudit(db, {
    actor,
    step: "copy",
    action: "merge decision",
    outcome: "ok",
    detail: { videoId, field, choice, previous: previous?.choice ?? null, note },
  });
  return { videoId, field, choice, note, actor, decidedAt } as StoredDecision;
}

/** Keeps the current plan's rows in step with a decision, so the records view shows it at once. */
async function applyDecisionToPlan(db: ControlTx, videoId: string, field: string, choice: string) {
  const plan = await db.mergePlan.findFirst({ where: { status: "ready" }, orderBy: { id: "desc" } });
  if (!plan) return;
  if (field === LISTING_FIELD) return applyListingToPlan(db, plan.id, videoId, choice);
  if (field !== RECORD_FIELD) {
    await db.mergeField.updateMany({ where: { planId: plan.id, videoId, field }, data: { chosenSide: choice } });
    return;
  }
  const record = await db.mergeRecord.findUnique({ where: { planId_videoId: { planId: plan.id, videoId } } });
  if (!record || (record.mergeCase !== "nas_new" && record.mergeCase !== "resurrection_candidate")) return;
  const action = choice === "restore" || choice === "copy" ? "copy" : "skip";
  await db.mergeRecord.update({ where: { planId_videoId: { planId: plan.id, videoId } }, data: { action } });
}

/** The plan's placeholder row comes and goes with the listing decision, as the next copy will do. */
async function applyListingToPlan(db: ControlTx, planId: number, videoId: string, choice: string) {
  const key = { planId, videoId };
  const record = await db.mergeRecord.findUnique({ where: { planId_videoId: key } });
  if (!record || record.action !== "copy") return;
  const own = await db.mergeSummary.count({
    where: { ...key, isLatest: true, sourceTable: { not: "generated" }, variant: { in: [...CARD_VARIANTS] } },
  });
  if (own > 0) return;
  const removed = await db.mergeSummary.deleteMany({ where: { ...key, sourceTable: "generated" } });
  if (choice === "placeholder") {
    await db.mergeSummary.create({
      data: {
        ...key,
        variant: "comprehensive",
        revision: 1,
        source: "generated",
        sourceTable: "generated",
        sourceKey: "placeholder",
        isLatest: true,
        conflict: false,
      },
    });
  }
  const summaries = record.summaries - removed.count + (choice === "placeholder" ? 1 : 0);
  await db.mergeRecord.update({ where: { planId_videoId: key }, data: { summaries } });
}

export async function listDecisions(db: ControlDb): Promise<StoredDecision[]> {
  const rows = await db.mergeDecision.findMany({ orderBy: [{ videoId: "asc" }, { field: "asc" }] });
  return rows.map((r) => ({ ...r, note: r.note ?? undefined }) as StoredDecision);
}

/** The decisions as the merge reads them. */
export function toRecordDecisions(rows: { videoId: string; field: string; choice: string }[]) {
  const map = new Map<string, { record?: string; listing?: string; fields: Map<string, Side> }>();
  for (const row of rows) {
    const entry = map.get(row.videoId) ?? { fields: new Map<string, Side>() };
    if (row.field === RECORD_FIELD) entry.record = row.choice;
    else if (row.field === LISTING_FIELD) entry.listing = row.choice;
    else entry.fields.set(row.field, row.choice as Side);
    map.set(row.videoId, entry);
  }
  return map as Map<string, RecordDecisions>;
}

export function decisionsHash(rows: { videoId: string; field: string; choice: string }[]): string {
  const sorted = rows.map((r) => [r.videoId, r.field, r.choice]).sort((a, b) => (a.join() < b.join() ? -1 : 1));
  return canonicalHash(sorted);
}

export async function loadDecisions(db: ControlDb) {
  const rows = await db.mergeDecision.findMany();
  return { decisions: toRecordDecisions(rows), hash: decisionsHash(rows), count: rows.length };
}
