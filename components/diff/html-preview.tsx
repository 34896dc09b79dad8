export type HtmlPreviewProps = {
  /** summary HTML as PostgreSQL holds it (rendered and escaped by lib/merge/transforms renderSummaryHtml) */
  html: string | null | undefined;
  /** accessible name of the frame, e.g. "comprehensive, revision 2, as PostgreSQL holds it" */
  title: string;
  /** Tailwind height class of the frame */
  heightClassName?: string;
};

// Inside the frame the page's Tailwind does not apply, so a few plain rules keep it readable.
const FRAME_STYLE = `
body { font: 14px/1.5 ui-sans-serif, system-ui, sans-serif; color: #1c1917; margin: 12px; }
p { margin: 0 0 0.75em; } ul { margin: 0 0 0.75em; padding-left: 1.25em; }
`;

/**
 * The summary HTML rendered in a sandboxed frame: `sandbox=""` gives it no scripts, no forms
 * and an opaque origin, and the CSP forbids every fetch, so even if the server's escaping ever
 * failed, the HTML could not run code in, read from, or load anything into the panel.
 */
export function HtmlPreview({ html, title, heightClassName = "h-64" }: HtmlPreviewProps) {
  if (!html) return <p className="text-sm text-stone-500 italic">— (no HTML)</p>;
  return (
    <iframe
      title={title}
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={frameDocument(html)}
      className={`w-full rounded border border-stone-200 bg-white ${heightClassName}`}
    />
  );
}

export function frameDocument(html: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<style>${FRAME_STYLE}</style></head><body>${html}</body></html>`
  );
}
