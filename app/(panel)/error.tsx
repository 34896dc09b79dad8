"use client";

export default function PanelError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-medium">This page could not be shown.</p>
      <p className="mt-1">Nothing was changed. Reference: {error.digest ?? "none"} (the server log has the details).</p>
      <button type="button" onClick={reset} className="mt-3 rounded border border-red-400 px-3 py-1">
        Try again
      </button>
    </div>
  );
}
