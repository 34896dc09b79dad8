import type { SourceDescription } from "@/lib/sources/source-paths";
import { PathText } from "./path-text";

const LABEL = { nas: "NAS", dashboard: "Dashboard" } as const;

/** Where each source is read from, and how to point the tool at a Dashboard that lives on Render. */
export function SourceOrigins({ origins }: { origins: SourceDescription[] }) {
  return (
    <div className="mb-4 max-w-3xl space-y-2 text-sm text-stone-700">
      <h3 className="font-medium text-stone-900">Where the sources come from</h3>
      <ul className="space-y-1">
        {origins.map((origin) => (
          <li key={origin.role}>
            <span className="font-medium">{LABEL[origin.role]}:</span> <OriginText origin={origin} />
          </li>
        ))}
      </ul>
      <details className="rounded border border-stone-200 bg-stone-50 px-3 py-2">
        <summary className="cursor-pointer font-medium text-stone-900">
          Reading the Dashboard where it runs (Render)
        </summary>
        <p className="mt-2">
          The Dashboard serves its live file at <code className="font-mono text-xs">/api/download-database</code> to a
          request that carries its <code className="font-mono text-xs">SYNC_SECRET</code>. Set, then restart the panel:
        </p>
        <pre className="mt-2 overflow-x-auto rounded bg-white p-2 font-mono text-xs">
          {`DASHBOARD_DB=https://<your-dashboard>.onrender.com/api/download-database
DASHBOARD_DB_TOKEN=<the Dashboard's SYNC_SECRET>`}
        </pre>
        <p className="mt-2">
          Every step that reads the live file downloads it afresh. The token is sent only to that address, never on a
          redirect to another host, and is never shown, logged or stored.
        </p>
      </details>
    </div>
  );
}

function OriginText({ origin }: { origin: SourceDescription }) {
  if (origin.kind === "demo") {
    return (
      <>
        the generated demo pair, <PathText path={origin.shown} /> (set NAS_DB and DASHBOARD_DB for the real files)
      </>
    );
  }
  if (origin.kind === "file") {
    return (
      <>
        the file <PathText path={origin.shown} />, only ever read
      </>
    );
  }
  return (
    <>
      downloaded from <code className="font-mono text-xs break-all">{origin.shown}</code>{" "}
      {origin.tokenSet ? (
        <>with the token in {origin.tokenVariable}</>
      ) : (
        <>without a token ({origin.tokenVariable} is not set; the Dashboard will refuse it)</>
      )}
    </>
  );
}
