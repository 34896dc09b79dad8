import "server-only";
import type { AppContext } from "@/lib/app-context";
import type { BackendHealth } from "./backend-health";

/** The flip as the control DB records it (an owner fact: the owner flips the real switches). */
export const FLIP_FACT = "cutover_flip";

export type FlipVerification =
  | { how: "health"; at: string; url: string; attempts: number; health: BackendHealth; expectedCount: number }
  | { how: "owner"; at: string; by: string; statement: string };

export type FlipState = {
  flipId: number;
  target: string;
  flippedAt: string;
  flippedBy: string;
  /** false once rolled back */
  active: boolean;
  verified: FlipVerification | null;
  rolledBack: { at: string; by: string } | null;
};

export async function readFlipState(ctx: AppContext): Promise<FlipState | null> {
  const fact = await ctx.db.ownerFact.findUnique({ where: { key: FLIP_FACT } });
  return fact ? (JSON.parse(fact.value) as FlipState) : null;
}
