import "server-only";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import { readDualWrite } from "@/lib/parity/dual-write";
import { withWorkflowLease } from "@/lib/workflow/core";
import { approvalInForce } from "@/lib/workflow/store";
import { OwnerFacingError } from "@/lib/workflow/types";
import {
  simulateDashboardDelete,
  simulateProcessVideo,
  simulateResummary,
  type InjectedFailure,
} from "./nas-simulator";

/**
 * "Simulate the NAS", for the demo pair only: what the real NAS and Dashboard do during dual
 * write, on the demo files and the target, so a newcomer (and the e2e) can watch parity name
 * each failure the old dual write let through. Refused with real sources: it writes the files.
 * Step 4 must be open (the order is the server's), one action at a time, each audited. After
 * the cutover (step 5 approved) with dual write off, the demo NAS runs as the real one then does
 * (POSTGRES_ONLY): a processed video goes to PostgreSQL only, which step 6's write guard needs.
 */
export const SIMULATIONS = [
  "process",
  "process_sqlite_only",
  "process_untitled",
  "resummary_swallowed",
  "dashboard_delete",
] as const;
export type Simulation = (typeof SIMULATIONS)[number];

export const SIMULATION_LABEL: Record<Simulation, string> = {
  process: "Process a new video (as the NAS does in dual write)",
  process_sqlite_only: "Process a video whose PostgreSQL write fails (logged, counted as synced)",
  process_untitled: "Process a video whose title reaches PostgreSQL as (untitled)",
  resummary_swallowed: "Re-summarize a video; PostgreSQL's insert is swallowed",
  dashboard_delete: "Delete a video on the Dashboard (its SQLite file only)",
};

const FAILURE: Partial<Record<Simulation, InjectedFailure>> = {
  process_sqlite_only: "sqlite_only",
  process_untitled: "untitled",
};

export type SimulationResult = { simulation: Simulation; videoId: string; message: string };

export async function simulateNas(
  ctx: AppContext,
  databaseUrl: string,
  simulation: Simulation,
  actor: string,
): Promise<SimulationResult> {
  if (ctx.env.sources) {
    throw new OwnerFacingError(
      "Simulating the NAS is for the demo pair only: with NAS_DB and DASHBOARD_DB set it would write your real files.",
      "demo_only",
    );
  }
  const action = "simulate NAS";
  const step = (await approvalInForce(ctx.db, "cutover")) ? "archive" : "parity";
  return withWorkflowLease(
    ctx,
    actor,
    step,
    action,
    async () => {
      const result = await perform(ctx, databaseUrl, simulation, step === "archive");
      await appendAudit(ctx.db, { actor, step, action, outcome: "ok", detail: { ...result } });
      return result;
    },
    { requireOpen: true },
  );
}

async function perform(
  ctx: AppContext,
  databaseUrl: string,
  simulation: Simulation,
  afterCutover: boolean,
): Promise<SimulationResult> {
  const { demoNas, demoDashboard } = ctx.paths;
  if (simulation === "dashboard_delete") {
    const videoId = newestVideo(demoDashboard);
    simulateDashboardDelete(demoDashboard, videoId);
    return {
      simulation,
      videoId,
      message: `Deleted ${videoId} on the Dashboard (its SQLite file); PostgreSQL still has it, as the old dual write left it.`,
    };
  }
  if (simulation === "resummary_swallowed") {
    const videoId = newestVideo(demoNas);
    const { revision } = await simulateResummary({
      nasFile: demoNas,
      databaseUrl,
      videoId,
      text: `A new summary of ${videoId}, written ${new Date().toISOString()}.`,
      swallow: true,
    });
    return {
      simulation,
      videoId,
      message: `Re-summarized ${videoId}: revision ${revision} in the NAS file; PostgreSQL's insert was swallowed.`,
    };
  }
  const dualWrite = await readDualWrite(ctx);
  const videoId = `sim${randomBytes(6).toString("base64url").slice(0, 8)}`;
  const processed = await simulateProcessVideo({
    nasFile: demoNas,
    databaseUrl,
    dualWrite: Boolean(dualWrite?.enabled),
    postgresOnly: afterCutover,
    fail: FAILURE[simulation],
    video: {
      videoId,
      title: `Simulated video ${videoId}`,
      channel: "Demo Channel",
      summary: `What the demo NAS wrote about ${videoId}.`,
    },
  });
  return { simulation, videoId, message: `Processed ${videoId}: ${processed.note}.` };
}

/** The most recently indexed video of a demo file: what a re-summary or a delete acts on. */
function newestVideo(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const videoId = db
      .prepare(
        "SELECT video_id FROM content WHERE length(video_id) = 11 AND video_id IN (SELECT video_id FROM summary_variants) ORDER BY indexed_at DESC LIMIT 1",
      )
      .pluck()
      .get() as string | undefined;
    if (!videoId) throw new OwnerFacingError("The demo file has no video with a summary to act on.", "demo_empty");
    return videoId;
  } finally {
    db.close();
  }
}
