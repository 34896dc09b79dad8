import type { Progress, TableProgress } from "./types";

/** What the UI and the CLI show for a long action: done/total, rate and ETA per phase. */
export type ProgressSnapshot = Progress & { ratePerSecond: number; etaSeconds: number | null; at: string };

export function createProgressTracker(now: () => number = Date.now) {
  let phase: string | undefined;
  let phaseStart = now();
  let doneAtStart = 0;
  return (progress: Progress): ProgressSnapshot => {
    if (progress.phase !== phase) {
      phase = progress.phase;
      phaseStart = now();
      // A resumed copy starts with the batches an earlier run did: they are not this run's rate.
      doneAtStart = progress.done;
    }
    const elapsedSeconds = (now() - phaseStart) / 1000;
    // Under a second into a phase, a rate like "1,000 checks/s" means nothing yet; at its end it is the phase's own.
    const finished = progress.done >= progress.total && elapsedSeconds > 0;
    const ratePerSecond = elapsedSeconds >= 1 || finished ? (progress.done - doneAtStart) / elapsedSeconds : 0;
    const remaining = Math.max(progress.total - progress.done, 0);
    const etaSeconds = ratePerSecond > 0 && remaining > 0 ? remaining / ratePerSecond : null;
    return { ...progress, ratePerSecond, etaSeconds, at: new Date(now()).toISOString() };
  };
}

export function formatProgress(snapshot: ProgressSnapshot): string {
  const unit = snapshot.unit ?? "rows";
  const percent = snapshot.total > 0 ? Math.floor((snapshot.done / snapshot.total) * 100) : 0;
  const eta = snapshot.etaSeconds === null ? "" : `, ETA ${formatDuration(snapshot.etaSeconds)}`;
  const rate = rateText(snapshot);
  const tables = snapshot.tables?.length ? `; ${snapshot.tables.map(formatTableProgress).join(", ")}` : "";
  return `${snapshot.phase}: ${snapshot.done.toLocaleString("en-US")}/${snapshot.total.toLocaleString("en-US")} ${unit} (${percent}%)${rate ? `, ${rate}` : ""}${eta}${tables}`;
}

/** "1,234 records/s"; "rate after a second" early in a phase; nothing for a phase that ended too soon to time. */
export function rateText(snapshot: ProgressSnapshot): string {
  const unit = snapshot.unit ?? "rows";
  if (snapshot.ratePerSecond > 0) return `${Math.round(snapshot.ratePerSecond).toLocaleString("en-US")} ${unit}/s`;
  return snapshot.done >= snapshot.total ? "" : "rate after a second";
}

/** "content 2,500/10,000" or, where the total is only known at the end, "migration_quarantine 120". */
export function formatTableProgress({ table, done, total }: TableProgress): string {
  const of = total === null ? "" : `/${total.toLocaleString("en-US")}`;
  return `${table} ${done.toLocaleString("en-US")}${of}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes} min ${Math.round(seconds % 60)} s`
    : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
