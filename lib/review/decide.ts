import "server-only";
import type { AppContext } from "@/lib/app-context";
import { controlTransaction } from "@/lib/control/control-db";
import { decisionInput, RECORD_FIELD, setDecision, type DecisionInput } from "@/lib/merge/store/decisions";
import { getPlanOverview, getPlanRecord } from "@/lib/merge/store/plan-queries";
import { stepName, type StepId } from "@/lib/workflow/steps";
import { LISTING_FIELD } from "@/lib/merge/placeholder";
import { needsPlaceholder } from "./dashboard-view";
import { revokeApprovalsFrom, withWorkflowLease } from "@/lib/workflow/workflow";
import { OwnerFacingError } from "@/lib/workflow/types";
import { storeConfirmations } from "./confirmations";
import { defaultRecordChoice } from "./decision-state";
import { recordDefaults } from "./review-progress";

/**
 * One owner decision on one record, checked against what the record allows, stored through
 * the merge's decision store (audited there with the note). A change of the effective choice
 * revokes step 3's approval and every later one, since PostgreSQL no longer holds what was
 * approved; picking a record's default before any decision only confirms that default.
 */
export type DecideOutcome = { message: string; changed: boolean; revoked: string[] };

const RECORD_CHOICES_BY_CASE: Record<string, readonly string[]> = {
  resurrection_candidate: ["restore", "keep_deleted"],
  nas_new: ["copy", "skip"],
};

const WORDS: Record<string, string> = {
  nas: "NAS",
  dashboard: "Dashboard",
  restore: "restore",
  keep_deleted: "keep deleted",
  copy: "copy",
  skip: "skip",
  placeholder: "listed with the placeholder summary",
  unlisted: "left unlisted",
};

export async function decideRecord(ctx: AppContext, raw: DecisionInput, actor: string): Promise<DecideOutcome> {
  return withWorkflowLease(ctx, actor, "copy", "decide", () => decideUnderLease(ctx, raw, actor), {
    requireOpen: true,
  });
}

async function decideUnderLease(ctx: AppContext, raw: DecisionInput, actor: string): Promise<DecideOutcome> {
  const parsed = decisionInput.safeParse(raw);
  if (!parsed.success) throw new OwnerFacingError(`Invalid decision: ${parsed.error.issues[0]?.message}`, "invalid");
  const input = parsed.data;
  const detail = await getPlanRecord(ctx.db, input.videoId);
  if (!detail) throw new OwnerFacingError(`Video ${input.videoId} is not in the current merge plan.`, "not-found");
  const { record, fields, decisions } = detail;
  const explicit = decisions.find((d) => d.field === input.field)?.choice;
  let defaultChoice: string | null;
  if (input.field === LISTING_FIELD) {
    if (!needsPlaceholder(detail)) {
      throw new OwnerFacingError(
        `${input.videoId} has a summary the Dashboard lists (or is not copied): there is no listing to decide.`,
        "invalid",
      );
    }
    defaultChoice = "placeholder";
  } else if (input.field === RECORD_FIELD) {
    const allowed = RECORD_CHOICES_BY_CASE[record.mergeCase];
    if (!allowed?.includes(input.choice)) {
      throw new OwnerFacingError(
        `"${WORDS[input.choice]}" does not apply to this record (${record.mergeCase.replace(/_/g, " ")}).`,
        "invalid",
      );
    }
    defaultChoice = defaultRecordChoice(record.mergeCase);
  } else {
    const field = fields.find((f) => f.field === input.field);
    if (!field) {
      throw new OwnerFacingError(
        `The sides agree on ${input.field} for ${input.videoId}: there is nothing to choose.`,
        "invalid",
      );
    }
    defaultChoice = field.defaultSide;
  }

  if (explicit === undefined && input.choice === defaultChoice && input.field === RECORD_FIELD) {
    const [defaults] = await recordDefaults(ctx, record.planId, [input.videoId]);
    await controlTransaction(ctx.db, (tx) =>
      storeConfirmations(tx, defaults ? [defaults] : [], actor, { scope: input.videoId, note: input.note }),
    );
    return { message: `Default confirmed: ${WORDS[input.choice]}.`, changed: false, revoked: [] };
  }

  const before = explicit ?? defaultChoice;
  const changed = before !== input.choice;
  const what =
    input.field === RECORD_FIELD || input.field === LISTING_FIELD
      ? WORDS[input.choice]
      : `${input.field} from ${WORDS[input.choice]}`;
  // The decision, its audit entry and the approvals it revokes: all of them or none.
  const revoked = await controlTransaction(ctx.db, async (tx) => {
    await setDecision(tx, input, actor);
    if (!changed) return [];
    const reason = `a merge decision changed after the approval (video ${input.videoId}: ${what})`;
    return revokeApprovalsFrom(tx, "copy", reason, actor);
  });
  if (!changed) return { message: `Decision stored: ${what} (unchanged).`, changed, revoked: [] };
  return {
    message:
      `Decision stored: ${what}. Run Copy and verify again (npx cutover copy) to apply it.` +
      (revoked.length ? ` Approval revoked: ${revoked.map((step) => stepName(step as StepId)).join(", ")}.` : ""),
    changed,
    revoked,
  };
}

/** Confirms the defaults of every undecided record the filter selects (the list's "confirm defaults"). */
export async function confirmDefaults(
  ctx: AppContext,
  videoIds: string[] | "all",
  actor: string,
  scope: string,
  note?: string,
): Promise<number> {
  return withWorkflowLease(
    ctx,
    actor,
    "copy",
    "confirm defaults",
    () => confirmDefaultsUnderLease(ctx, videoIds, actor, scope, note),
    { requireOpen: true },
  );
}

async function confirmDefaultsUnderLease(
  ctx: AppContext,
  videoIds: string[] | "all",
  actor: string,
  scope: string,
  note?: string,
): Promise<number> {
  const plan = await getPlanOverview(ctx.db);
  if (!plan)
    throw new OwnerFacingError(
      "There is no merge plan yet: make one on the Copy & diff page, or run npx cutover plan.",
      "no-plan",
    );
  const defaults = await recordDefaults(ctx, plan.id, videoIds === "all" ? undefined : videoIds);
  const explicit = await ctx.db.mergeDecision.findMany({ select: { videoId: true, field: true } });
  const decided = new Set(explicit.map((d) => `${d.videoId}\u0001${d.field}`));
  const open = defaults.filter((r) => {
    const needed = r.mergeCase === "both_differ" ? r.fields.map((f) => f.field) : [RECORD_FIELD];
    return !needed.every((field) => decided.has(`${r.videoId}\u0001${field}`));
  });
  return controlTransaction(ctx.db, (tx) => storeConfirmations(tx, open, actor, { scope, note }));
}
