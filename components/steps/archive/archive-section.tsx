import { SectionCard } from "@/components/section-card";
import { ButtonForm, DualWriteForm } from "@/components/steps/parity/parity-forms";
import { formatBytes } from "@/lib/archive/archive-errors";
import type { ActionResult } from "@/lib/common/action-result";
import { formatUtc } from "@/lib/common/format-time";
import type { ArchiveView } from "@/lib/steps/archive-view";
import type { OwnerStepStatus } from "@/lib/steps/owner-status";
import { MoveAsideForm } from "./archive-forms";

type Action = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
type Props = {
  view: ArchiveView | null;
  status: Pick<OwnerStepStatus, "state">;
  actions: {
    dualWriteOff: Action;
    openWindow: Action;
    run: Action;
    cancel: Action;
    moveAside: Action;
    simulateProcess: Action;
  };
};

const ROLE = { nas: "NAS", dashboard: "Dashboard" } as const;

/** Step 6's page: dual write off, the write-guard window, the archive run and its manifests, the move aside. */
export function ArchiveSection({ view, status, actions }: Props) {
  if (!view) return null;
  const done = status.state === "approved";
  const running = status.state === "running";
  const dualWriteOff = view.dualWrite !== null && !view.dualWrite.enabled;
  // an archive run that ended after the window opened closed it (its first checks)
  const closedBy =
    view.window && view.latestRun?.finishedAt && view.latestRun.finishedAt > view.window.openedAt
      ? view.latestRun
      : null;
  return (
    <>
      <SectionCard id="dual-write-off-heading" title="1. Dual write off">
        {dualWriteOff ? (
          <p className="text-sm text-stone-700">
            Dual write off since {formatUtc(view.dualWrite!.since)}, confirmed by {view.dualWrite!.by}.
          </p>
        ) : done ? null : (
          <>
            <p className="mb-3 max-w-3xl text-sm text-stone-700">
              The NAS must now write PostgreSQL only. Set its switches, restart it, then confirm here.
            </p>
            <DualWriteForm mode="off" switches={view.switchesOff} action={actions.dualWriteOff} />
          </>
        )}
      </SectionCard>
      <SectionCard id="write-guard-heading" title="2. Write guard">
        <p className="mb-3 max-w-3xl text-sm text-stone-700">
          Opening the window records the fingerprints of both SQLite files. Let the NAS process at least one video, then
          archive: the run checks that both fingerprints are unchanged and that PostgreSQL received a new video since
          the window opened. If no video can be processed, that one check can be waived with a note at approval.
        </p>
        {view.window && closedBy ? (
          <p className="mb-3 text-sm text-stone-800">
            The window opened {formatUtc(view.window.openedAt)} ({view.window.by}) was closed by archive run #
            {closedBy.id}.
          </p>
        ) : view.window ? (
          <p className="mb-3 text-sm text-stone-800">
            Window open since {formatUtc(view.window.openedAt)} ({view.window.by}).
          </p>
        ) : (
          <p className="mb-3 text-sm text-stone-800">No window is open yet.</p>
        )}
        {done || !dualWriteOff ? null : (
          <ButtonForm
            fields={{ step: "archive" }}
            label={view.window ? "Open a new window" : "Open the write-guard window"}
            pendingLabel="Fingerprinting…"
            tone="secondary"
            disabled={running}
            action={actions.openWindow}
          />
        )}
      </SectionCard>
      {view.demo && dualWriteOff && view.window && !closedBy && !done ? (
        <SectionCard id="demo-nas-heading" title="Demo only: the NAS processes a video">
          <p className="mb-3 max-w-3xl text-sm text-stone-700">
            The sources are the demo pair, so this button stands in for the NAS: with dual write off it processes a new
            video into PostgreSQL only, as the real NAS does from now on, and leaves both SQLite files alone. With your
            real files this section is not shown and the server refuses it.
          </p>
          <ButtonForm
            fields={{ step: "archive" }}
            label="Process a new video (PostgreSQL only)"
            pendingLabel="Processing…"
            tone="secondary"
            disabled={running}
            action={actions.simulateProcess}
          />
        </SectionCard>
      ) : null}
      <SectionCard id="archive-run-heading" title="3. Archive">
        <p className="mb-3 max-w-3xl text-sm text-stone-700">
          Closes the window, then compresses each SQLite file (gzip, streamed) into the archive folder with a manifest
          of SHA-256s, and restores each archive to a temporary file to check its integrity and fingerprint. Nothing is
          moved or deleted here.
        </p>
        {view.latestRun ? (
          <p className="mb-3 text-sm text-stone-800">
            Latest archive run: #{view.latestRun.id}, {view.latestRun.status}
            {view.latestRun.finishedAt ? ` at ${formatUtc(view.latestRun.finishedAt)}` : ""}.
          </p>
        ) : null}
        {done || !view.window ? null : (
          <div className="flex flex-wrap gap-3">
            <ButtonForm
              fields={{ step: "archive" }}
              label="Archive both files"
              pendingLabel="Starting…"
              tone="primary"
              disabled={running}
              action={actions.run}
            />
            {running ? (
              <ButtonForm
                fields={{ step: "archive" }}
                label="Cancel"
                pendingLabel="Cancelling…"
                tone="danger"
                action={actions.cancel}
              />
            ) : null}
          </div>
        )}
        {view.archives.length > 0 ? (
          <table className="mt-4 w-full text-left text-sm">
            <caption className="sr-only">Archives</caption>
            <thead>
              <tr className="border-b border-stone-200 text-stone-600">
                <th className="py-1 pr-3 font-medium">Archive</th>
                <th className="py-1 pr-3 font-medium">Sizes</th>
                <th className="py-1 pr-3 font-medium">Restore test</th>
                <th className="py-1 pr-3 font-medium">Original</th>
              </tr>
            </thead>
            <tbody>
              {view.archives.map((a) =>
                a.status === "verified" ? (
                  <tr key={a.dir} className="border-b border-stone-100 align-top">
                    <td className="py-1 pr-3">
                      {ROLE[a.manifest.label]} <code className="font-mono text-xs">{a.id}</code>
                      <div className="font-mono text-xs break-all text-stone-600">
                        SHA-256 {a.manifest.archive.sha256}
                      </div>
                    </td>
                    <td className="py-1 pr-3">
                      {formatBytes(a.manifest.original.sizeBytes)} → {formatBytes(a.manifest.archive.sizeBytes)}
                    </td>
                    <td className="py-1 pr-3">
                      {a.manifest.restoreTest.ok ? "passed" : a.manifest.restoreTest.detail}
                    </td>
                    <td className="py-1 pr-3">
                      {a.manifest.source.kind === "remote"
                        ? "on its host (remove it there)"
                        : a.moved
                          ? `moved into the archive folder at ${formatUtc(a.moved.movedAt)}`
                          : `still at ${a.manifest.source.path}`}
                    </td>
                  </tr>
                ) : (
                  <tr key={a.dir} className="border-b border-stone-100">
                    <td className="py-1 pr-3" colSpan={4}>
                      <code className="font-mono text-xs">{a.id}</code>: {a.status} ({a.reason})
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        ) : null}
      </SectionCard>
      <SectionCard id="move-aside-heading" title="4. Move the originals aside">
        {view.toMove.length > 0 && !done ? (
          <>
            <p className="mb-3 max-w-3xl text-sm text-stone-700">
              Each local SQLite file (with its -wal and -shm) is renamed into its archive folder&apos;s original/
              folder, only if it still has the archived bytes. Nothing is deleted.
            </p>
            <MoveAsideForm phrase={view.phrase} action={actions.moveAside} />
          </>
        ) : (
          <p className="text-sm text-stone-700">
            {view.latestRun?.status === "passed"
              ? "Every local original of the latest archive is in its archive folder."
              : "Available once an archive run has passed."}
          </p>
        )}
        {view.hostRemovals.length > 0 ? (
          <ul className="mt-3 list-disc pl-5 text-sm text-amber-900">
            {view.hostRemovals.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </SectionCard>
    </>
  );
}
