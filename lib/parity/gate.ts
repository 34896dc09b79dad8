import "server-only";
import { shadowVerdict, type ShadowVerdict } from "@/lib/shadow/shadow-step";
import type { AppContext } from "@/lib/app-context";
import { formatUtc } from "@/lib/common/format-time";
import { countOf } from "@/lib/common/plural";
import type { CheckResult } from "@/lib/workflow/types";
import { readDualWrite, type DualWriteState } from "./dual-write";
import { acceptedIdentities } from "./store";

/**
 * Step 4's gate, as checks over what the control DB holds: dual write on, the last K parity runs
 * on this target clean and spanning T minutes, a video processed during dual write seen in both
 * stores, and every difference of the window remedied or accepted. Each check is one function
 * in GATE_CHECKS; the shadow read's verdict (lib/shadow) is one of them.
 */
type GateFacts = {
  ctx: AppContext;
  target: string;
  dualWrite: DualWriteState;
  runs: number;
  minMinutes: number;
  /** finished runs on this target since dual write was turned on, newest first */
  /** `id`: the step's run (what the page and the CLI number runs by) */
  window: { id: number; startedAt: string; finishedAt: string; seenInBoth: string[]; open: number }[];
  /** identities found in the window's runs and not accepted, and whether the latest run still has each */
  unsettled: { videoId: string; kind: string; stillThere: boolean }[];
  shadow: ShadowVerdict;
};

type GateCheck = (facts: GateFacts) => CheckResult;

const dualWriteOn: GateCheck = ({ dualWrite, target }) => ({
  name: "Dual write on",
  ok: Boolean(dualWrite?.enabled && dualWrite.target === target),
  detail: !dualWrite
    ? "dual write has not been turned on (npx cutover dual-write on)"
    : !dualWrite.enabled
      ? `dual write was turned off at ${formatUtc(dualWrite.since)} by ${dualWrite.by}`
      : dualWrite.target !== target
        ? `dual write was confirmed for ${dualWrite.target}, not ${target}`
        : `on since ${formatUtc(dualWrite.since)}, confirmed by ${dualWrite.by}`,
});

const lastRunsClean: GateCheck = ({ window, runs }) => {
  const last = window.slice(0, runs);
  const dirty = last.filter((r) => r.open > 0);
  return {
    name: `Last ${countOf(runs, "parity run")} clean`,
    ok: last.length >= runs && dirty.length === 0,
    detail:
      last.length < runs
        ? `${last.length} of ${countOf(runs, "run")} since dual write was turned on`
        : dirty.length
          ? `${dirty.length > 1 ? "runs" : "run"} ${dirty.map((r) => `#${r.id} (${r.open} open)`).join(", ")} not clean`
          : `${last.length > 1 ? "runs" : "run"} ${last.map((r) => `#${r.id}`).join(", ")} clean`,
    evidence: { runs: last.map((r) => r.id) },
  };
};

const runsSpan: GateCheck = ({ window, runs, minMinutes }) => {
  const last = window.slice(0, runs);
  const minutes =
    last.length > 0 ? (Date.parse(last[0]!.finishedAt) - Date.parse(last[last.length - 1]!.startedAt)) / 60_000 : 0;
  return {
    name: `Runs span at least ${countOf(minMinutes, "minute")}`,
    ok: last.length >= runs && minutes >= minMinutes,
    detail: `the last ${countOf(last.length, "run")}: ${minutes.toFixed(1)} minutes from the first start to the last finish (PARITY_MIN_MINUTES=${minMinutes})`,
  };
};

const seenInBoth: GateCheck = ({ window }) => {
  const seen = [...new Set(window.flatMap((r) => r.seenInBoth))];
  return {
    name: "A video processed during dual write seen in both stores",
    ok: seen.length > 0,
    detail: seen.length
      ? `${seen.slice(0, 5).join(", ")}${seen.length > 5 ? ", …" : ""} in both, identical`
      : "no video processed since dual write was turned on is in both stores yet: process one on the NAS",
  };
};

const differencesSettled: GateCheck = ({ unsettled }) => {
  const open = unsettled.filter((u) => u.stillThere);
  return {
    name: "Every difference remedied or accepted",
    ok: open.length === 0,
    detail: open.length
      ? `${open.length} open: ${open
          .slice(0, 5)
          .map((u) => `${u.videoId} (${u.kind})`)
          .join(", ")}${open.length > 5 ? ", …" : ""}`
      : unsettled.length
        ? `${unsettled.length} found in the window, each gone from the latest run (remedied); the others accepted`
        : "no open difference in the window (none found, or each accepted)",
  };
};

const shadowRead: GateCheck = ({ shadow }) => ({
  name: "Shadow read identical or acknowledged",
  ok: shadow.ok,
  detail: shadow.detail,
});

export const GATE_CHECKS: GateCheck[] = [
  dualWriteOn,
  lastRunsClean,
  runsSpan,
  seenInBoth,
  differencesSettled,
  shadowRead,
];

export async function parityGateChecks(ctx: AppContext, target: string): Promise<CheckResult[]> {
  const dualWrite = await readDualWrite(ctx);
  const since = dualWrite?.enabled ? dualWrite.since : null;
  const accepted = await acceptedIdentities(ctx.db, target);
  const finished = since
    ? await ctx.db.parityRun.findMany({
        where: { target, status: "finished", startedAt: { gte: since } },
        orderBy: { id: "desc" },
        include: { found: { select: { identity: true, videoId: true, kind: true } } },
      })
    : [];
  const window = finished.map((r) => ({
    id: r.stepRunId ?? r.id,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt!,
    seenInBoth: r.seenInBoth ? (JSON.parse(r.seenInBoth) as string[]) : [],
    open: r.found.filter((d) => !accepted.has(d.identity)).length,
  }));
  const latest = new Set(finished[0]?.found.map((d) => d.identity) ?? []);
  const unsettled = new Map<string, GateFacts["unsettled"][number]>();
  for (const d of finished.flatMap((r) => r.found)) {
    if (!accepted.has(d.identity))
      unsettled.set(d.identity, { videoId: d.videoId, kind: d.kind, stillThere: latest.has(d.identity) });
  }
  const facts: GateFacts = {
    ctx,
    target,
    dualWrite,
    runs: ctx.env.parityRuns,
    minMinutes: ctx.env.parityMinMinutes,
    window,
    unsettled: [...unsettled.values()],
    shadow: await shadowVerdict(ctx),
  };
  return GATE_CHECKS.map((check) => check(facts));
}
