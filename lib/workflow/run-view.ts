import "server-only";
import type { AppContext } from "../app-context";
import type { ProgressSnapshot } from "./progress";
import type { StepId } from "./steps";
import { latestRun } from "./store";

/** The latest run of a step as the progress view polls it. */
export type RunView = {
  id: number;
  action: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  progress: ProgressSnapshot | null;
};

export async function getLatestRunView(ctx: AppContext, stepId: StepId): Promise<RunView | null> {
  const run = await latestRun(ctx.db, stepId);
  if (!run) return null;
  return {
    id: run.id,
    action: run.action,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    error: run.error,
    progress: run.progress ? (JSON.parse(run.progress) as ProgressSnapshot) : null,
  };
}
