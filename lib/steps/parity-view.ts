import "server-only";
import type { AppContext } from "@/lib/app-context";
import { NAS_SWITCHES, readDualWrite, type DualWriteState } from "@/lib/parity/dual-write";
import { acceptedIdentities, storedDifference } from "@/lib/parity/store";
import type { DifferenceKind } from "@/lib/parity/kinds";
import { remedyOffers, type RemedyOffer } from "@/lib/parity/record-view";

/** What step 4's page shows: dual write and the switches, the gate's settings, and the latest run's differences. */
export type ParityView = {
  dualWrite: DualWriteState;
  switches: typeof NAS_SWITCHES;
  runs: number;
  minMinutes: number;
  /** whether the server would accept a re-copy or an acceptance now, and why not */
  remedies: { recopy: RemedyOffer; accept: RemedyOffer };
  latest: {
    id: number;
    status: string;
    finishedAt: string | null;
    checked: number;
    differences: {
      id: number;
      videoId: string;
      kind: DifferenceKind;
      field: string | null;
      sourceValue: string | null;
      targetValue: string | null;
      accepted: boolean;
    }[];
  } | null;
};

const SHOWN = 100;

export async function loadParityView(ctx: AppContext): Promise<ParityView> {
  const run = await ctx.db.parityRun.findFirst({
    orderBy: { id: "desc" },
    include: { found: { orderBy: { id: "asc" }, take: SHOWN } },
  });
  const accepted = run ? await acceptedIdentities(ctx.db, run.target) : new Set<string>();
  return {
    dualWrite: await readDualWrite(ctx),
    switches: NAS_SWITCHES,
    runs: ctx.env.parityRuns,
    minMinutes: ctx.env.parityMinMinutes,
    remedies: await remedyOffers(ctx, null),
    latest: run && {
      id: run.id,
      status: run.status,
      finishedAt: run.finishedAt,
      checked: run.checked,
      differences: run.found.map((d) => storedDifference(d, accepted)),
    },
  };
}
