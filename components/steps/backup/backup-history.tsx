import { formatTime } from "@/components/format";
import type { BackupView } from "@/lib/steps/backup-view";
import { PathText } from "./path-text";

/** Every backup folder under backups/, newest first; a failed or unfinished one never looks verified. */
export function BackupHistory({ backups }: { backups: BackupView["backups"] }) {
  if (backups.length === 0) return <p className="text-sm text-stone-600">No backups yet.</p>;
  return (
    <ul className="divide-y divide-stone-100 text-sm">
      {backups.map((entry) => (
        <li key={entry.id} className="py-2">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <span className="font-medium">{formatTime(entry.createdAt)}</span>
            {entry.status === "verified" ? (
              <span className="font-medium text-emerald-800">
                <span aria-hidden="true">✓ </span>verified
              </span>
            ) : (
              <span className="font-medium text-red-800">
                <span aria-hidden="true">✕ </span>
                {entry.status === "failed" ? "failed" : "incomplete"}: {entry.reason}
              </span>
            )}
          </div>
          {entry.status === "verified" ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-stone-600">
                Manifest <PathText path={entry.manifestPath} />
              </summary>
              <pre className="mt-1 max-h-80 overflow-auto rounded bg-stone-100 p-2 font-mono text-xs">
                {JSON.stringify(entry.manifest, null, 2)}
              </pre>
            </details>
          ) : (
            <p className="mt-1 text-stone-600">
              Folder <PathText path={entry.dir} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
