/**
 * The evidence report's download links on the overview. Plain anchors: the route answers with an
 * attachment, so the browser saves the file and the page stays.
 */
export function EvidenceReportLink({ draft }: { draft: boolean }) {
  return (
    <p className="text-sm text-stone-700">
      <a className="font-medium text-sky-800 underline" href="/api/report" download>
        Evidence report{draft ? " (draft)" : ""}
      </a>{" "}
      (HTML, prints to PDF;{" "}
      <a className="underline" href="/api/report?format=json" download>
        JSON
      </a>
      ).{" "}
      {draft
        ? "A draft until step 6 is approved: it shows the evidence recorded so far and says what has not run yet."
        : "Every step's evidence, approvals and the audit chain."}{" "}
      Each download is recorded in the audit log with its SHA-256.
    </p>
  );
}
