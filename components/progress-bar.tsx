import { formatDuration, formatTableProgress, rateText, type ProgressSnapshot } from "@/lib/workflow/progress";

/** Progress in numbers first (done/total, rate, ETA); the bar only repeats them. */
export function ProgressBar({ progress }: { progress: ProgressSnapshot }) {
  const percent = progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : 0;
  const unit = progress.unit ?? "rows";
  const rate = rateText(progress);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <span className="font-medium">{progress.phase}</span>
        <span className="text-stone-700 tabular-nums">
          {progress.done.toLocaleString("en-US")} / {progress.total.toLocaleString("en-US")} {unit} · {percent}%
          {rate ? ` · ${rate}` : ""}
          {progress.etaSeconds !== null ? ` · ETA ${formatDuration(progress.etaSeconds)}` : ""}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={progress.phase}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded bg-stone-200"
      >
        <div className="h-full bg-sky-700 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      {progress.tables?.length ? (
        <p className="text-xs text-stone-600 tabular-nums">
          Rows written: {progress.tables.map(formatTableProgress).join(" · ")}
        </p>
      ) : null}
    </div>
  );
}
