import "server-only";
import type { AppContext } from "../app-context";
import type { StepStatus } from "../workflow/step-state";
import { getStepOrThrow, type StepId } from "../workflow/steps";
import { latestApproval } from "../workflow/store";
import { getStepStatuses } from "../workflow/workflow";
import { approvalOffer, type ApprovalOffer } from "./approve";
import { STEP_ACTIONS } from "./registry";
import { countOf } from "@/lib/common/plural";

/**
 * The steps as the panel tells them to the owner: the core's state, and what it means now —
 * whether the server would accept an approval, an approval
 * revoked since (with its reason), and the one thing to do next. Every page that shows a
 * step's state (overview, stepper, step page) reads it here, so they never disagree.
 */
export type NextMove = { text: string; href?: string };
export type OwnerStepStatus = StepStatus & {
  offer: ApprovalOffer;
  /** the step's latest approval, revoked, while the step is not approved again */
  revoked: { at: string; reason: string } | null;
  next: NextMove;
};

export async function loadOwnerStatuses(ctx: AppContext): Promise<OwnerStepStatus[]> {
  const statuses = await getStepStatuses(ctx);
  const owned = await Promise.all(
    statuses.map(async (status) => {
      const [offer, approval] = await Promise.all([approvalOffer(ctx, status), latestApproval(ctx.db, status.id)]);
      const revoked =
        approval?.revokedAt && status.state !== "approved"
          ? { at: approval.revokedAt, reason: approval.revokedReason ?? "no reason recorded" }
          : null;
      // "all checks green: waiting for approval" is true only when the server would accept one
      const waiting = status.state === "passed" && offer.kind === "blocked" && offer.missing.length > 0;
      const reason = waiting
        ? `The checks passed, but approval waits for ${countOf(offer.missing.length, "open condition")}.`
        : status.reason;
      return { ...status, reason, offer, revoked };
    }),
  );
  return owned.map((status) => ({ ...status, next: nextMove(status, owned) }));
}

export async function loadOwnerStatus(ctx: AppContext, stepId: StepId): Promise<OwnerStepStatus> {
  return (await loadOwnerStatuses(ctx)).find((status) => status.id === stepId)!;
}

function nextMove(status: Omit<OwnerStepStatus, "next">, all: Omit<OwnerStepStatus, "next">[]): NextMove {
  const page = `/steps/${status.id}`;
  const [first] = STEP_ACTIONS[status.id];
  switch (status.state) {
    case "approved": {
      // Approvals are revoked forwards, so an approved step's earlier steps are approved too.
      const following = all.find((other) => other.number > status.number && other.state !== "approved");
      if (!following) return { text: "Every step is approved." };
      return { text: `Continue with step ${following.number} "${following.title}".`, href: `/steps/${following.id}` };
    }
    case "locked": {
      const before = getStepOrThrow(status.blockedBy!);
      return { text: `Approve step ${before.number} "${before.title}" first.`, href: `/steps/${before.id}` };
    }
    case "running":
      return { text: "A run is going: its progress shows on the step page; wait for it to end.", href: page };
    case "ready":
      return { text: `Start with "${first.label}" (or ${first.cli}).`, href: page };
    case "failed":
      return {
        text: `Fix what failed (see its checks), then run "${first.label}" again (or ${first.cli}).`,
        href: page,
      };
    case "passed":
      return passedMove(status.offer, page);
  }
}

function passedMove(offer: ApprovalOffer, page: string): NextMove {
  if (offer.kind === "blocked") {
    const [missing] = offer.missing;
    if (!missing) return { text: offer.reason, href: page };
    const more =
      offer.missing.length > 1
        ? ` (and ${offer.missing.length - 1} more condition${offer.missing.length > 2 ? "s" : ""})`
        : "";
    return {
      text: `Before it can be approved: ${missing.summary ?? missing.detail}${more}.`,
      href: missing.href ?? page,
    };
  }
  if (offer.kind === "offered") {
    const how = offer.noteRequired
      ? " with a note saying why the failing check is acceptable"
      : offer.phrase
        ? ` by typing "${offer.phrase}"`
        : "";
    return { text: `Approve it${how}.`, href: `${page}#approve-heading` };
  }
  return { text: "Approved.", href: page };
}
