import "server-only";
import type { AppContext } from "@/lib/app-context";
import { getStepStatusOrThrow } from "@/lib/workflow/core";
import { shadowVerdict, type ShadowVerdict } from "./shadow-step";
import { loadShadowState, type ShadowState } from "./store";

/** What step 4's shadow read section shows: the latest run by kind, the verdict, and whether the step is open. */
export type ShadowView = { locked: boolean; state: ShadowState | null; verdict: ShadowVerdict };

export async function loadShadowView(ctx: AppContext, examples = 5): Promise<ShadowView> {
  const status = await getStepStatusOrThrow(ctx, "parity");
  return {
    locked: status.state === "locked",
    state: await loadShadowState(ctx.db, examples),
    verdict: await shadowVerdict(ctx),
  };
}
